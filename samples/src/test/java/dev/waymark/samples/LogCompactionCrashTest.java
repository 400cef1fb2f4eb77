package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowNotFoundException;
import dev.waymark.test.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A process killed while it compacts its segment's log, at each step: the new log written, its size
 * counted, the new log in place. The next process finds every stored workflow with its output, none
 * of the deleted ones, the waiting workflow still waiting for its event, and new workflows that
 * never see a deleted one's values.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LogCompactionCrashTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"log-rewritten", "log-rewritten-counted", "log-compacted"})
  void aKillWhileTheLogIsCompactedLosesNothing(String point) throws Exception {
    Path storage = dir.resolve("storage");
    Path out = dir.resolve("fill.out");
    // Compacted first when its log reaches 4 KB, which takes a few workflows: killed there.
    Process child =
        ChildJvm.start(
            out,
            true,
            List.of("-Dwaymark.log.compactBytes=4096", "-Dwaymark.crashpoints=" + point),
            List.of(),
            CompactionProgram.class.getName(),
            storage.toString(),
            "100000");
    ChildJvm.awaitLine(child, out, "CRASHPOINT " + point, Duration.ofSeconds(120));
    child.destroyForcibly();
    child.waitFor();
    int done = (int) Files.readString(out).lines().filter(line -> line.startsWith("DONE ")).count();
    assertTrue(done >= 3, "several workflows ran before the log was compacted: " + done);

    try (Waymark waymark = Waymark.open(storage)) {
      for (int i = 0; i < done; i++) {
        String id = "c" + i;
        if (i % 3 != 1) {
          assertThrows(WorkflowNotFoundException.class, () -> waymark.getStatus(id), id);
        } else {
          assertEquals(DamageSteps.expected(id), waymark.getOutput(id), id);
        }
      }
      CompletableFuture<Object> waiting = waymark.resumeAll(false).get("waiting");
      assertEquals(WorkflowStatus.RUNNING, waymark.getStatus("waiting"));
      waymark.sendEvent("waiting", "go", "now");
      assertEquals("now", waiting.get(60, TimeUnit.SECONDS));
      // Numbers of deleted workflows are never given again: a new one sees none of their values.
      for (int i = 0; i < 3; i++) {
        assertEquals(
            DamageSteps.expected("new" + i), waymark.run(DamageSteps.chain("new" + i), "new" + i));
      }
    }
  }
}
