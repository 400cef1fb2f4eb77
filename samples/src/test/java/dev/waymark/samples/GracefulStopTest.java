package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.WorkflowStatus;
import dev.waymark.test.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (docker stop, a Kubernetes rollout, Ctrl-C) of a program that runs workflows on the
 * shared runtime: a step that finishes within the grace period is committed, one still running is
 * dropped, and every workflow is left RESUMABLE (never FAILED), with no stack trace printed;
 * resumeAll(false) then finishes them without running a committed step again.
 */
class GracefulStopTest {
  @TempDir Path dir;

  @Test
  void sigtermLeavesEveryInFlightWorkflowResumable() throws Exception {
    Path storage = dir.resolve("storage");
    Path marker = dir.resolve("marker");
    Path out = dir.resolve("child.out");
    Process child =
        ChildJvm.start(
            out,
            true,
            List.of("-Dwaymark.storage=" + storage, "-Dstop.marker=" + marker),
            List.of(),
            StopProgram.class.getName());
    ChildJvm.awaitLine(child, out, "READY", Duration.ofSeconds(60));
    child.destroy(); // SIGTERM
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the JVM exited after its grace period");
    String text = Files.readString(out);
    assertEquals(143, child.exitValue(), text); // 128 + SIGTERM: the hooks ran and the JVM ended
    assertFalse(text.contains("Exception"), "no stack trace:\n" + text);
    assertFalse(text.contains("RAN plus"), "no step starts once the runtime closes:\n" + text);

    System.setProperty("stop.marker", marker.toString());
    Files.createFile(marker);
    StopSteps.PAUSES.set(0);
    StopSteps.HOLDS.set(0);
    try (Waymark waymark = Waymark.open(storage)) {
      assertEquals(WorkflowStatus.RESUMABLE, waymark.getStatus("quick"));
      assertEquals(WorkflowStatus.RESUMABLE, waymark.getStatus("held"));
      assertEquals(1500, (Integer) waymark.getOutput("quick", "pause"), "committed in the grace");
      Map<String, CompletableFuture<Object>> resumed = waymark.resumeAll(false);
      assertEquals(1501, resumed.get("quick").get(30, TimeUnit.SECONDS));
      assertEquals(8, resumed.get("held").get(30, TimeUnit.SECONDS));
    }
    assertEquals(0, StopSteps.PAUSES.get(), "the committed step did not run again");
    assertEquals(1, StopSteps.HOLDS.get(), "the dropped attempt ran again, not counted as failed");
  }
}
