package dev.waymark.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import dev.waymark.exceptions.StorageException;
import dev.waymark.internal.storage.RecordChain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A member's own copy, on its disk, of the cluster's records it holds, as the record's owner or as
 * a backup: every write the member applies to a record ({@link FencedWrite}, {@link Takeover},
 * {@link PostEvent}) is written here too before it is acknowledged. A cluster that stopped whole
 * (every member killed) starts again from these copies ({@link Restoration}): each acknowledged
 * write is on the disks of the record's owner and backups of the time.
 *
 * <p>A record is kept in parts, each with the record's version when it was written: the parts
 * written together (status, failed attempts, events, epoch: the header), the DAG, each task value,
 * and a mark for each deleted incarnation, under the key {@code id NUL part}.
 */
final class Mirror implements AutoCloseable {
  static final String CONTEXT = "waymark-mirror";

  private static final byte HEADER = 'H';
  private static final byte DAG = 'D';
  private static final byte VALUE = 'V';
  private static final byte DELETED = 'T';

  private final RecordChain records;

  private Mirror(RecordChain records) {
    this.records = records;
  }

  static Mirror open(Path dir) {
    return new Mirror(RecordChain.open(dir, "records"));
  }

  /** The mirror of the member {@code member}, or null when it keeps none. */
  static Mirror of(HazelcastInstance member) {
    return member == null ? null : (Mirror) member.getUserContext().get(CONTEXT);
  }

  void header(String id, WorkflowEntry record) {
    records.put(
        key(id, HEADER, null),
        write(
            out -> {
              out.writeLong(record.version);
              out.writeLong(record.epoch);
              text(out, record.lastDriver);
              text(out, record.claim);
              bytes(out, record.status);
              bytes(out, record.failed);
              out.writeInt(record.events.size());
              for (Map.Entry<String, byte[]> event : record.events.entrySet()) {
                out.writeUTF(event.getKey());
                bytes(out, event.getValue());
              }
              out.writeInt(record.expectations.size());
              for (Map.Entry<String, String> expected : record.expectations.entrySet()) {
                out.writeUTF(expected.getKey());
                out.writeUTF(expected.getValue());
              }
            },
            record));
  }

  void dag(String id, WorkflowEntry record) {
    records.put(key(id, DAG, null), write(out -> bytes(out, record.dag), record));
  }

  /** A task value as of the record's version; null {@code timed} when it was deleted. */
  void value(String id, WorkflowEntry record, long key, byte[] timed) {
    byte[] suffix = ByteBuffer.allocate(8).putLong(key).array();
    records.put(
        key(id, VALUE, suffix),
        write(
            out -> {
              out.writeLong(record.version);
              bytes(out, timed);
            },
            record));
  }

  /** Marks the record's incarnation deleted. */
  void deleted(String id, WorkflowEntry record) {
    records.put(
        key(id, DELETED, incarnation(record).getBytes(StandardCharsets.UTF_8)), new byte[0]);
  }

  /** What this member's copy holds, by workflow id. */
  Map<String, Restored> load() {
    Map<String, Restored> all = new HashMap<>();
    records.forEach(
        (key, value) -> {
          int nul = 0;
          while (key[nul] != 0) {
            nul++;
          }
          String id = new String(key, 0, nul, StandardCharsets.UTF_8);
          byte part = key[nul + 1];
          int suffix = nul + 2;
          Restored restored = all.computeIfAbsent(id, i -> new Restored());
          try {
            read(restored, part, key, suffix, value);
          } catch (IOException e) {
            throw new StorageException(
                "the cluster's copy of workflow '" + id + "' on this member is damaged: " + e, e);
          }
        });
    return all;
  }

  private static void read(Restored restored, byte part, byte[] key, int suffix, byte[] value)
      throws IOException {
    if (part == DELETED) {
      restored.deleted.add(new String(key, suffix, key.length - suffix, StandardCharsets.UTF_8));
      return;
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(value));
    String incarnation = in.readUTF();
    switch (part) {
      case HEADER -> {
        long version = in.readLong();
        long epoch = in.readLong();
        String lastDriver = text(in);
        String claim = text(in);
        byte[] status = bytes(in);
        byte[] failed = bytes(in);
        Map<String, byte[]> events = new HashMap<>();
        for (int n = in.readInt(); n > 0; n--) {
          events.put(in.readUTF(), bytes(in));
        }
        Map<String, String> expectations = new HashMap<>();
        for (int n = in.readInt(); n > 0; n--) {
          expectations.put(in.readUTF(), in.readUTF());
        }
        restored.header(
            incarnation,
            new Restored.Header(
                version, epoch, lastDriver, claim, status, failed, events, expectations));
      }
      case DAG -> restored.dags.put(incarnation, bytes(in));
      case VALUE -> {
        long taskKey = ByteBuffer.wrap(key, suffix, 8).getLong();
        long version = in.readLong();
        restored.value(incarnation, taskKey, new Restored.Value(version, bytes(in)));
      }
      default -> throw new IOException("unknown part '" + (char) part + "'");
    }
  }

  @Override
  public void close() {
    records.close();
  }

  private static String incarnation(WorkflowEntry record) {
    return record.incarnation == null ? "" : record.incarnation;
  }

  private static byte[] key(String id, byte part, byte[] suffix) {
    byte[] name = id.getBytes(StandardCharsets.UTF_8);
    int extra = suffix == null ? 0 : suffix.length;
    return ByteBuffer.allocate(name.length + 2 + extra)
        .put(name)
        .put((byte) 0)
        .put(part)
        .put(suffix == null ? new byte[0] : suffix)
        .array();
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  /** The record's incarnation, then what {@code writer} writes. */
  private static byte[] write(Writer writer, WorkflowEntry record) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(incarnation(record));
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void text(DataOutputStream out, String text) throws IOException {
    out.writeBoolean(text != null);
    if (text != null) {
      out.writeUTF(text);
    }
  }

  private static String text(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  private static void bytes(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes == null ? -1 : bytes.length);
    if (bytes != null) {
      out.write(bytes);
    }
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    return length < 0 ? null : in.readNBytes(length);
  }
}
