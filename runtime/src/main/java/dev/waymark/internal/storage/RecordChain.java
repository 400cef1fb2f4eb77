package dev.waymark.internal.storage;

import dev.waymark.exceptions.CheckpointCorruptedException;
import dev.waymark.exceptions.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * Records a module keeps on disk of its own, beside a storage: byte keys to byte values in a chain
 * of Chronicle maps ({@code <kind>-0.cmap}, {@code <kind>-1.cmap}, ...) that grows as they fill, so
 * there is no capacity limit. A write survives the death of the process (the maps are
 * memory-mapped), not a power loss. One process at a time: it recovers, when it opens them, the
 * maps a killed one left open. A value of {@link #CHUNK} bytes or more is kept in pieces, in a
 * second chain ({@code <kind>-pieces-0.cmap}, ...), and its entry says how many.
 */
public final class RecordChain implements AutoCloseable {
  private static final long FIRST_ENTRIES = 1 << 16;
  private static final MapChain.SpaceCheck ANY_SPACE = (file, bytes) -> {};

  /** The largest piece of a value kept in one entry. */
  static final int CHUNK = 8192;

  private static final byte WHOLE = 0;
  private static final byte CUT = 1;

  private final MapChain<byte[]> records;
  private final MapChain<byte[]> pieces;

  private RecordChain(MapChain<byte[]> records, MapChain<byte[]> pieces) {
    this.records = records;
    this.pieces = pieces;
  }

  /** Opens the chain {@code kind} in {@code dir}, made when it is not there. */
  public static RecordChain open(Path dir, String kind) {
    try {
      Files.createDirectories(dir);
      return new RecordChain(chain(dir, kind), chain(dir, kind + "-pieces"));
    } catch (IOException e) {
      throw new StorageException("cannot open the records in " + dir + ": " + e, e);
    }
  }

  private static MapChain<byte[]> chain(Path dir, String kind) throws IOException {
    MapChain<byte[]> chain =
        new MapChain<>(
            dir,
            kind,
            (file, number, entries) -> {
              try {
                return new MapChain.Link<>(
                    file, builder(entries).createPersistedTo(file.toFile()), entries);
              } catch (IOException e) {
                throw new StorageException("cannot make " + file + ": " + e, e);
              }
            },
            (file, entries, recover) -> MapFile.open(file, builder(entries), recover));
    chain.open(chain.files(), FIRST_ENTRIES, true);
    return chain;
  }

  private static ChronicleMapBuilder<byte[], byte[]> builder(long entries) {
    return ChronicleMapBuilder.of(byte[].class, byte[].class)
        .name("waymark-records")
        .entries(entries)
        .averageKeySize(48)
        .averageValueSize(CHUNK / 16)
        .maxBloatFactor(4);
  }

  /** Keeps {@code value} under {@code key}, in place of what was there. */
  public void put(byte[] key, byte[] value) {
    if (value.length < CHUNK) {
      records.put(key, tagged(WHOLE, value, 0, value.length), FIRST_ENTRIES, ANY_SPACE);
      return;
    }
    int count = (value.length + CHUNK - 1) / CHUNK;
    for (int i = 0; i < count; i++) {
      int from = i * CHUNK;
      byte[] piece = Arrays.copyOfRange(value, from, Math.min(value.length, from + CHUNK));
      pieces.put(pieceKey(key, i), piece, FIRST_ENTRIES, ANY_SPACE);
    }
    byte[] head = ByteBuffer.allocate(9).put(CUT).putInt(count).putInt(value.length).array();
    records.put(key, head, FIRST_ENTRIES, ANY_SPACE); // last: a value cut short is not seen
  }

  /** Hands every key and its value to {@code each}, in no order. */
  public void forEach(BiConsumer<byte[], byte[]> each) {
    Map<ByteBuffer, byte[]> all = new HashMap<>();
    for (MapChain.Link<byte[]> link : records.links()) { // oldest first: a newer value wins
      // Chronicle hands out the same arrays again for the next entry: each is copied
      link.map().forEach((key, value) -> all.put(ByteBuffer.wrap(key.clone()), value.clone()));
    }
    all.forEach((key, value) -> each.accept(key.array(), value(key.array(), value)));
  }

  private byte[] value(byte[] key, byte[] entry) {
    if (entry[0] == WHOLE) {
      return Arrays.copyOfRange(entry, 1, entry.length);
    }
    ByteBuffer head = ByteBuffer.wrap(entry);
    int count = head.getInt(1);
    byte[] value = new byte[head.getInt(5)];
    for (int i = 0; i < count; i++) {
      MapChain.Found piece = pieces.get(pieceKey(key, i));
      if (piece == null) {
        throw new CheckpointCorruptedException(
            pieces.links().isEmpty() ? records.links().get(0).file() : pieces.links().get(0).file(),
            "lacks piece " + i + " of a value of " + value.length + " bytes",
            null);
      }
      System.arraycopy(piece.value(), 0, value, i * CHUNK, piece.value().length);
    }
    return value;
  }

  private static byte[] tagged(byte tag, byte[] bytes, int from, int length) {
    byte[] tagged = new byte[length + 1];
    tagged[0] = tag;
    System.arraycopy(bytes, from, tagged, 1, length);
    return tagged;
  }

  private static byte[] pieceKey(byte[] key, int index) {
    return ByteBuffer.allocate(key.length + 4).put(key).putInt(index).array();
  }

  @Override
  public void close() {
    try {
      records.close();
    } finally {
      pieces.close();
    }
  }
}
