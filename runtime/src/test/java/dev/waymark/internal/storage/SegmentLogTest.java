package dev.waymark.internal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records appended one at a time and several in one write read back alike, in order. */
class SegmentLogTest {
  @TempDir Path dir;

  @Test
  void recordsWrittenTogetherReadBackAsThoseWrittenAlone() throws Exception {
    Path file = dir.resolve("log.bin");
    long[] ends = new long[1];
    SegmentLog log = new SegmentLog(file, false, whole -> ends[0] = whole);
    log.openForAppend();
    long first = log.append(SegmentLog.CREATED, 7, bytes("order-7"));
    long[] together =
        log.append(
            new byte[] {SegmentLog.DAG, SegmentLog.STATUS},
            7,
            new byte[][] {bytes("dag"), bytes("")});
    long last = log.append(SegmentLog.STATUS, 7, bytes("done"));
    log.close();
    assertEquals(Files.size(file), ends[0], "the end reported after the last append");

    SegmentLog reopened = new SegmentLog(file, false, whole -> {});
    List<SegmentLog.Entry> entries = reopened.openForAppend();
    assertEquals(4, entries.size());
    long[] offsets = {first, together[0], together[1], last};
    byte[] kinds = {SegmentLog.CREATED, SegmentLog.DAG, SegmentLog.STATUS, SegmentLog.STATUS};
    String[] data = {"order-7", "dag", "", "done"};
    for (int i = 0; i < 4; i++) {
      SegmentLog.Entry entry = entries.get(i);
      assertEquals(kinds[i], entry.kind());
      assertEquals(7, entry.number());
      assertEquals(offsets[i], entry.offset());
      assertArrayEquals(bytes(data[i]), reopened.readAt(offsets[i]));
    }
    reopened.close();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
