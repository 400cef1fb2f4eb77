package dev.waymark.internal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.waymark.exceptions.CheckpointCorruptedException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Records appended one at a time and several in one write read back alike, in order; a compacted
 * log takes the place of the old one for its owner and its readers; the zeros an owner writes ahead
 * of its records, and an append a kill cut short, end the log, but not before what was counted.
 */
class SegmentLogTest {
  @TempDir Path dir;

  @Test
  void recordsWrittenTogetherReadBackAsThoseWrittenAlone() throws Exception {
    Path file = dir.resolve("log.bin");
    long[] ends = new long[1];
    SegmentLog log = new SegmentLog(file, false, whole -> ends[0] = whole, whole -> {});
    log.openForAppend(0);
    long first = log.append(SegmentLog.CREATED, 7, bytes("order-7"));
    long[] together =
        log.append(
            new byte[] {SegmentLog.DAG, SegmentLog.STATUS},
            7,
            new byte[][] {bytes("dag"), bytes("")});
    long last = log.append(SegmentLog.STATUS, 7, bytes("done"));
    log.close();
    assertEquals(Files.size(file), ends[0], "the end reported after the last append");

    SegmentLog reopened = new SegmentLog(file, false, whole -> {}, whole -> {});
    List<SegmentLog.Entry> entries = reopened.openForAppend(0);
    assertEquals(4, entries.size());
    long[] offsets = {first, together[0], together[1], last};
    byte[] kinds = {SegmentLog.CREATED, SegmentLog.DAG, SegmentLog.STATUS, SegmentLog.STATUS};
    String[] data = {"order-7", "dag", "", "done"};
    for (int i = 0; i < 4; i++) {
      SegmentLog.Entry entry = entries.get(i);
      assertEquals(kinds[i], entry.kind());
      assertEquals(7, entry.number());
      assertEquals(offsets[i], entry.offset());
      assertArrayEquals(bytes(data[i]), reopened.readAt(offsets[i], kinds[i], 7));
    }
    reopened.close();
  }

  @ParameterizedTest(name = "forced to the device: {0}")
  @ValueSource(booleans = {false, true})
  void aCompactedLogReplacesTheOldOneForItsReadersAndTheCountIsToldFirst(boolean force)
      throws Exception {
    Path file = dir.resolve("log.bin");
    long[] counted = {-1};
    SegmentLog owner = new SegmentLog(file, force, whole -> {}, whole -> counted[0] = whole);
    owner.openForAppend(0);
    owner.append(SegmentLog.CREATED, 1, bytes("a"));
    owner.append(SegmentLog.STATUS, 1, bytes("old"));
    long dag = owner.append(SegmentLog.DAG, 1, bytes("dag-a"));
    long status = owner.append(SegmentLog.STATUS, 1, bytes("new"));
    owner.append(SegmentLog.CREATED, 2, bytes("b"));
    owner.append(SegmentLog.DELETED, 2, bytes(""));

    SegmentLog reader = new SegmentLog(file, false, whole -> {}, whole -> {});
    List<SegmentLog.Entry> seen = new ArrayList<>();
    reader.readNew(seen::add, all -> fail("not compacted yet"));
    assertEquals(6, seen.size());
    assertArrayEquals(bytes("dag-a"), reader.readAt(dag, SegmentLog.DAG, 1));

    long[] moved = new long[2];
    owner.compact(
        out -> out.write(SegmentLog.NUMBERED, 3, new byte[0]),
        (entry, out) -> {
          if (entry.kind() == SegmentLog.CREATED && entry.number() == 1) {
            out.write(entry.kind(), 1, entry.data());
          } else if (entry.offset() == dag) {
            moved[0] = out.write(entry.kind(), 1, entry.data()); // a DAG comes with its data
          } else if (entry.offset() == status) {
            moved[1] = out.write(entry.kind(), 1, entry.data());
          }
        });
    assertEquals(Files.size(file), owner.end());
    assertEquals(owner.end(), counted[0], "the compacted size, told before the swap");
    assertFalse(Files.exists(dir.resolve("log.bin.next")));
    long later = owner.append(SegmentLog.STATUS, 1, bytes("later"));
    assertArrayEquals(bytes("dag-a"), owner.readAt(moved[0], SegmentLog.DAG, 1));

    List<List<SegmentLog.Entry>> reloads = new ArrayList<>();
    reader.readNew(entry -> fail("read as new records: " + entry), reloads::add);
    assertEquals(1, reloads.size(), "the reader read the new log whole");
    List<SegmentLog.Entry> all = reloads.get(0);
    assertEquals(
        List.of(
            SegmentLog.NUMBERED,
            SegmentLog.CREATED,
            SegmentLog.DAG,
            SegmentLog.STATUS,
            SegmentLog.STATUS),
        all.stream().map(SegmentLog.Entry::kind).toList());
    assertEquals(
        List.of(moved[0], moved[1], later),
        all.subList(2, 5).stream().map(SegmentLog.Entry::offset).toList());
    assertArrayEquals(bytes("dag-a"), reader.readAt(moved[0], SegmentLog.DAG, 1));
    assertThrows(
        CheckpointCorruptedException.class, () -> reader.readAt(moved[1], SegmentLog.DAG, 1));
    owner.append(SegmentLog.STATUS, 1, bytes("last"));
    seen.clear();
    reader.readNew(seen::add, all2 -> fail("compacted once only"));
    assertEquals(1, seen.size(), "then new records as before");
    reader.close();
    owner.close();

    SegmentLog next = new SegmentLog(file, false, whole -> {}, whole -> {});
    assertEquals(6, next.openForAppend(0).size(), "a new owner reads the compacted log");
    next.close();
  }

  @Test
  void anOwnersLogEndsAtTheZerosWrittenAheadForReadersAndIsCutThereByTheNextOwner()
      throws Exception {
    Path file = dir.resolve("log.bin");
    long[] counted = new long[1];
    SegmentLog owner = new SegmentLog(file, false, whole -> counted[0] = whole, whole -> {});
    owner.openForAppend(0);
    owner.append(SegmentLog.CREATED, 1, bytes("a"));
    owner.append(SegmentLog.STATUS, 1, bytes("running"));
    assertTrue(Files.size(file) > owner.end(), "zeros are written ahead of the records");

    SegmentLog reader = new SegmentLog(file, false, whole -> {}, whole -> {});
    List<SegmentLog.Entry> seen = new ArrayList<>();
    reader.readNew(seen::add, all -> fail("not compacted"));
    assertEquals(2, seen.size(), "the reader stops at the zeros");
    owner.append(SegmentLog.STATUS, 1, bytes("done"));
    reader.readNew(seen::add, all -> fail("not compacted"));
    assertEquals(3, seen.size(), "and reads on from there");
    assertArrayEquals(bytes("done"), seen.get(2).data());
    reader.close();

    // The owner is killed: its window is never unmapped, its zeros never cut.
    SegmentLog next = new SegmentLog(file, false, whole -> {}, whole -> {});
    assertEquals(3, next.openForAppend(counted[0]).size());
    assertEquals(counted[0], Files.size(file), "the zeros are cut off");
    next.append(SegmentLog.STATUS, 1, bytes("later"));
    next.close();
    assertEquals(next.end(), Files.size(file), "a closed log holds its records only");
  }

  @Test
  void aTailCutWhileAReaderReadsItEndsTheLogForTheReaderOnly() throws Exception {
    Path file = dir.resolve("log.bin");
    SegmentLog owner = new SegmentLog(file, false, whole -> {}, whole -> {});
    owner.openForAppend(0);
    owner.append(SegmentLog.CREATED, 1, bytes("a"));
    owner.append(SegmentLog.STATUS, 1, bytes("running"));
    owner.close();
    long whole = Files.size(file);
    // The size a reader took before a new owner cut the zeros the dead owner wrote ahead.
    long before = whole + 256 * 1024;
    try (FileChannel cut = new SizedBefore(FileChannel.open(file), before)) {
      List<SegmentLog.Entry> seen = new ArrayList<>();
      assertEquals(whole, LogRecords.scan(file, cut, 0, seen, false, Integer.MAX_VALUE, false));
      assertEquals(2, seen.size(), "the reader reads the whole records, and ends there");
    }
    try (FileChannel cut = new SizedBefore(FileChannel.open(file), before)) {
      assertThrows(
          java.io.EOFException.class,
          () -> LogRecords.scan(file, cut, 0, new ArrayList<>(), true, Integer.MAX_VALUE, false),
          "the owner taking a log over never has it cut under it");
    }
  }

  /** A channel whose size is, once, the one its file had before it was cut. */
  private static final class SizedBefore extends FileChannel {
    private final FileChannel file;
    private long size;

    SizedBefore(FileChannel file, long size) {
      this.file = file;
      this.size = size;
    }

    @Override
    public long size() throws java.io.IOException {
      long before = size;
      size = -1;
      return before >= 0 ? before : file.size();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws java.io.IOException {
      return file.read(dst, position);
    }

    @Override
    public int read(ByteBuffer dst) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int write(ByteBuffer src) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int write(ByteBuffer src, long position) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long position() {
      throw new UnsupportedOperationException();
    }

    @Override
    public FileChannel position(long newPosition) {
      throw new UnsupportedOperationException();
    }

    @Override
    public FileChannel truncate(long newSize) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void force(boolean metaData) {}

    @Override
    public long transferTo(long position, long count, java.nio.channels.WritableByteChannel t) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long transferFrom(java.nio.channels.ReadableByteChannel s, long position, long count) {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.nio.MappedByteBuffer map(MapMode mode, long position, long size) {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.nio.channels.FileLock lock(long position, long size, boolean shared) {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.nio.channels.FileLock tryLock(long position, long size, boolean shared) {
      throw new UnsupportedOperationException();
    }

    @Override
    protected void implCloseChannel() throws java.io.IOException {
      file.close();
    }
  }

  @Test
  void anAppendKilledBeforeItsFirstHeadIsWrittenIsNotInTheLog() throws Exception {
    Path file = dir.resolve("log.bin");
    long[] counted = new long[1];
    SegmentLog owner = new SegmentLog(file, false, whole -> counted[0] = whole, whole -> {});
    owner.openForAppend(0);
    owner.append(SegmentLog.CREATED, 1, bytes("a"));
    owner.close();
    long whole = Files.size(file);
    // What a kill leaves in the middle of an append of two records: both written but the head
    // ([length][checksum]) of the first, which an append writes last.
    ByteBuffer two =
        ByteBuffer.allocate(LogRecords.size(bytes("dag")) + LogRecords.size(bytes("")));
    LogRecords.frame(two, SegmentLog.DAG, 1, bytes("dag"));
    LogRecords.frame(two, SegmentLog.STATUS, 1, bytes(""));
    two.putLong(0, 0).flip();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(two, whole);
      channel.write(ByteBuffer.allocate(4096), whole + two.limit()); // and zeros ahead
    }

    SegmentLog reader = new SegmentLog(file, false, w -> {}, w -> {});
    List<SegmentLog.Entry> seen = new ArrayList<>();
    reader.readNew(seen::add, all -> fail("not compacted"));
    assertEquals(List.of(SegmentLog.CREATED), seen.stream().map(SegmentLog.Entry::kind).toList());
    reader.close();

    SegmentLog next = new SegmentLog(file, false, w -> {}, w -> {});
    assertEquals(1, next.openForAppend(counted[0]).size(), "none of the killed append");
    assertEquals(whole, Files.size(file));
    next.close();
  }

  @Test
  void aHeadLostBeforeWhatTheWitnessCountedIsDamageAndTheLogIsKept() throws Exception {
    Path file = dir.resolve("log.bin");
    long[] counted = new long[1];
    SegmentLog owner = new SegmentLog(file, false, whole -> counted[0] = whole, whole -> {});
    owner.openForAppend(0);
    owner.append(SegmentLog.CREATED, 1, bytes("a"));
    long second = owner.append(SegmentLog.STATUS, 1, bytes("running"));
    owner.append(SegmentLog.STATUS, 1, bytes("done"));
    owner.close();
    long size = Files.size(file);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.allocate(8), second); // zeros where a log would end
    }

    SegmentLog next = new SegmentLog(file, false, w -> {}, w -> {});
    CheckpointCorruptedException e =
        assertThrows(CheckpointCorruptedException.class, () -> next.openForAppend(counted[0]));
    assertEquals(file, e.file());
    assertTrue(e.getMessage().contains("damaged record at byte " + second), e.getMessage());
    next.close();
    assertEquals(size, Files.size(file), "nothing was cut");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
