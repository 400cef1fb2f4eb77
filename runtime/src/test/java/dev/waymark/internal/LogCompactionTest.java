package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowInfo;
import dev.waymark.WorkflowStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A steady stream of short workflows under a retention keeps the storage's size flat, its segment's
 * log included, which is compacted as it grows; another runtime on the same storage reads a waiting
 * workflow all along while that happens, and sends it its event.
 */
@Timeout(300)
class LogCompactionTest {
  @TempDir Path dir;

  /** What a stream adds to the log without compaction: about 370 bytes per workflow. */
  private static final int STREAM = 30_000;

  /** The most workflows the stream runs between two sweeps of the retention. */
  private static final int PACE = 1_000;

  @Test
  void aStreamUnderARetentionKeepsTheStorageFlat() throws Exception {
    long before;
    try (Waymark waymark =
        Waymark.builder().storage(dir).retention(Duration.ofMillis(20)).build()) {
      for (int i = 0; i < 12_000; i++) {
        waymark.run(TestSteps.inc(Workflow.of(i)), "warm-" + i);
      }
      before = bytes(dir);
      long paced = System.nanoTime();
      for (int i = 0; i < STREAM; i++) {
        assertEquals(i + 1, waymark.run(TestSteps.inc(Workflow.of(i)), "short-" + i));
        if (i % PACE == PACE - 1) {
          // A steady stream: at most PACE workflows per sweep of the retention (every 50 ms), so
          // that a fast, idle machine does not outrun the sweeps it measures.
          paced += TimeUnit.MILLISECONDS.toNanos(50);
          LockSupport.parkNanos(paced - System.nanoTime());
          paced = Math.max(paced, System.nanoTime());
        }
      }
      long after = bytes(dir);
      assertTrue(
          after - before < (2 << 20),
          "the storage grew from "
              + before
              + " to "
              + after
              + " bytes over "
              + STREAM
              + " workflows");
      assertTrue(logBytes(dir) < (5 << 20), "the log holds " + logBytes(dir) + " bytes");
    }
    try (Waymark reopened = Waymark.open(dir)) {
      // A new workflow first: this runtime takes the segment over to write, and keeps it.
      assertEquals(8, reopened.run(TestSteps.inc(Workflow.of(7)), "after"));
      List<WorkflowInfo> stored = reopened.list();
      for (WorkflowInfo info : stored) {
        assertEquals(WorkflowStatus.SUCCESSFUL, info.status(), info.workflowId());
        if (info.workflowId().equals("after")) {
          continue;
        }
        int n = Integer.parseInt(info.workflowId().substring(info.workflowId().indexOf('-') + 1));
        assertEquals(n + 1, (int) reopened.getOutput(info.workflowId()), info.workflowId());
      }
    }
  }

  @Test
  void anotherRuntimeReadsAWaitingWorkflowAllAlongWhileTheLogIsCompacted() throws Exception {
    try (Waymark writer = Waymark.open(dir);
        Waymark reader = Waymark.open(dir)) {
      CompletableFuture<Integer> waiting =
          writer.runAsync(TestSteps.inc(Workflow.waitForEvent("go", Integer.class)), "waiting");
      CompletableFuture<Void> stream =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < STREAM; i++) {
                  writer.run(TestSteps.inc(Workflow.of(i)), "short-" + i);
                  if (i % 1000 == 999) {
                    writer.deleteFinished(Duration.ZERO);
                  }
                }
              });
      int reads = 0;
      while (!stream.isDone() || reads == 0) {
        assertEquals(WorkflowStatus.RUNNING, reader.getStatus("waiting"));
        assertTrue(reader.graph("waiting").toMermaid().contains("flowchart"), "its DAG read");
        assertTrue(
            reader.list(WorkflowStatus.RUNNING).stream()
                .anyMatch(info -> info.workflowId().equals("waiting")));
        reads++;
      }
      stream.join();
      assertTrue(logBytes(dir) < (5 << 20), "the log holds " + logBytes(dir) + " bytes");
      reader.sendEvent("waiting", "go", 41);
      assertEquals(42, waiting.get(60, TimeUnit.SECONDS));
      assertEquals(WorkflowStatus.SUCCESSFUL, reader.getStatus("waiting"));
    }
  }

  private static long bytes(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).mapToLong(LogCompactionTest::size).sum();
    }
  }

  private static long logBytes(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(file -> file.getFileName().toString().equals("log.bin"))
          .mapToLong(LogCompactionTest::size)
          .sum();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (java.nio.file.NoSuchFileException e) {
      return 0; // a compacted log, renamed in place
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
