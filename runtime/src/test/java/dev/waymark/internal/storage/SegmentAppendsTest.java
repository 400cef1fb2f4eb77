package dev.waymark.internal.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.waymark.Durability;
import dev.waymark.WorkflowStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appends in groups: threads that begin workflows and write their statuses at once share writes of
 * the log, and every workflow still has its own records, in its own order, in the index and in the
 * log as the next runtime reads it.
 */
class SegmentAppendsTest {
  private static final int THREADS = 4;
  private static final int PER_THREAD = 400;

  @TempDir Path dir;

  @Test
  void workflowsBegunAndEndedFromManyThreadsAtOnceKeepTheirOwnRecords() throws Exception {
    SegmentStorage storage = SegmentStorage.open(dir, 4, Durability.PROCESS_CRASH, 0);
    CyclicBarrier start = new CyclicBarrier(THREADS);
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      done.add(
          threads.submit(
              () -> {
                start.await();
                for (int i = 0; i < PER_THREAD; i++) {
                  String id = "t" + thread + "-" + i;
                  try (WorkflowStore store = storage.claim(id, true)) {
                    store.begin(dag(id), StatusRecord.first(WorkflowStatus.RUNNING, i));
                    StatusRecord running = store.status().read();
                    store.status().write(running.next(WorkflowStatus.SUCCESSFUL, null, i + 1));
                  }
                }
                return null;
              }));
    }
    for (Future<?> future : done) {
      future.get();
    }
    threads.shutdown();
    for (String id : ids()) {
      assertEquals(WorkflowStatus.SUCCESSFUL, storage.readStatus(id).status(), id);
      assertArrayEquals(
          dag(id), storage.readDag(id).copy(), "where the index says " + id + "'s DAG is");
    }
    storage.close();

    SegmentStorage next = SegmentStorage.open(dir, 4, Durability.PROCESS_CRASH, 0);
    assertEquals(ids().size(), next.workflowIds().size());
    for (String id : ids()) {
      assertEquals(WorkflowStatus.SUCCESSFUL, next.readStatus(id).status(), id);
      assertArrayEquals(dag(id), next.readDag(id).copy(), id);
    }
    next.close();

    // In the log itself, each workflow's records come in the order its thread wrote them.
    Map<Long, List<Byte>> kinds = new HashMap<>();
    SegmentLog log = new SegmentLog(dir.resolve("segments/0/log.bin"), false, w -> {}, w -> {});
    log.readNew(
        entry -> {
          if (entry.kind() != SegmentLog.ADOPTED) {
            kinds.computeIfAbsent(entry.number(), n -> new ArrayList<>()).add(entry.kind());
          }
        },
        all -> {});
    log.close();
    assertEquals(ids().size(), kinds.size());
    for (List<Byte> records : kinds.values()) {
      assertEquals(
          List.of(SegmentLog.CREATED, SegmentLog.DAG, SegmentLog.STATUS, SegmentLog.STATUS),
          records);
    }
  }

  private static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      for (int i = 0; i < PER_THREAD; i++) {
        ids.add("t" + t + "-" + i);
      }
    }
    return ids;
  }

  private static byte[] dag(String id) {
    return ("dag of " + id).getBytes(StandardCharsets.UTF_8);
  }
}
