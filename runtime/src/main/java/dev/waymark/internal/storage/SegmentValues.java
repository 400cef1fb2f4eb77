package dev.waymark.internal.storage;

import dev.waymark.exceptions.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One workflow's task values in its segment's maps, under (workflow number, store key), each tied
 * to the workflow and key by its checksum ({@link RecordCodec}); a large value is kept in the
 * segment's {@code blobs} directory.
 */
final class SegmentValues implements WorkflowStore.Values {
  private final SegmentStorage storage;
  private final SegmentIndex.Workflow workflow;
  private final Segment segment;
  private final RecordCodec.Blobs blobs;
  private volatile boolean dirty;

  SegmentValues(SegmentStorage storage, SegmentIndex.Workflow workflow) {
    this.storage = storage;
    this.workflow = workflow;
    this.segment = workflow.segment;
    this.blobs =
        new RecordCodec.Blobs() {
          @Override
          public Path file(long key) {
            return segment.blobFile(workflow.number, key);
          }

          @Override
          public void write(Path file, byte[] bytes) {
            storage.checkSpace(file, bytes.length);
            ChronicleStorage.createPrivateDirectories(file.getParent());
            FramedFiles.write(file, RecordCodec.BLOB_MAGIC, bytes, storage.forces());
          }
        };
  }

  private MapChain<byte[]> maps(long key) {
    if (!segment.mapsOpen()) {
      throw new IllegalStateException(
          "the storage holding workflow '" + workflow.id + "' was closed");
    }
    return segment.maps(key);
  }

  @Override
  public void expectRecords(long count) {
    // the segment's maps grow by themselves
  }

  @Override
  public boolean contains(long key) {
    return maps(key).containsKey(Segment.key(workflow.number, key));
  }

  @Override
  public Payload read(long key) {
    MapChain.Found found = maps(key).get(Segment.key(workflow.number, key));
    return found == null
        ? null
        : RecordCodec.decode(workflow.seed, found.file(), key, found.value(), blobs);
  }

  @Override
  public void write(
      long key, long startMillis, long endMillis, byte[] bytes, int offset, int length) {
    byte[] value =
        RecordCodec.encode(
            workflow.seed, key, startMillis, endMillis, bytes, offset, length, blobs);
    boolean added =
        maps(key)
            .put(
                Segment.key(workflow.number, key),
                value,
                Segment.FIRST_ENTRIES,
                storage::checkSpace);
    if (added) {
      workflow.putEntry();
      if (Segment.counted(key)) {
        segment.witness().add(1); // after the put: a kill in between leaves more than counted
      }
    }
    if (storage.forces()) {
      dirty = true;
    }
  }

  @Override
  public void delete(long key) {
    byte[] pair = Segment.key(workflow.number, key);
    MapChain<byte[]> maps = maps(key);
    if (Segment.counted(key) && maps.containsKey(pair)) {
      segment.witness().add(-1); // before the removal: a kill in between leaves more, not less
    }
    maps.remove(pair);
    if (storage.forces()) {
      dirty = true;
    }
    try {
      Files.deleteIfExists(blobs.file(key));
    } catch (IOException e) {
      throw new StorageException("cannot delete " + blobs.file(key) + ": " + e, e);
    }
  }

  @Override
  public void force() {
    if (dirty) {
      dirty = false;
      try {
        segment.force();
      } catch (StorageException e) {
        dirty = true; // not on the device yet: the next force tries again
        throw e;
      }
    }
  }
}
