package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.WorkflowStatus;
import dev.waymark.test.ChildJvm;
import dev.waymark.test.TestWaymark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order workflow in a real child JVM, killed with SIGKILL at a crash point the kit sets, then
 * resumed here through the kit, which shows what ran again.
 */
class OrdersCrashTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @TempDir Path dir;

  @Test
  void aChildKilledRightAfterTheChargeIsResumedWithoutChargingAgain() throws Exception {
    Path storage = dir.resolve("storage");
    Path log = dir.resolve("child.log");
    Process child =
        ChildJvm.start(
            log,
            List.of(ChildJvm.crashAfterCommit("charge")),
            OrdersProgram.class,
            storage.toString(),
            "o-9");
    String line = ChildJvm.awaitLine(child, log, ChildJvm.CRASH_LINE, TIMEOUT);
    assertEquals("WAYMARK-CRASH after-commit o-9 charge", line);
    assertEquals(137, ChildJvm.kill(child), "killed by SIGKILL");

    try (TestWaymark kit = new TestWaymark(storage, builder -> {})) {
      assertEquals(WorkflowStatus.RESUMABLE, kit.waymark().getStatus("o-9"));
      String result = kit.advanceUntilDone(kit.waymark().resumeAsync("o-9"), Duration.ofHours(1));
      assertTrue(result.startsWith("o-9 reserved, charged, shipped as track-o-9"), result);
      assertTrue(kit.restored("o-9").contains("charge"), kit.restored("o-9").toString());
      kit.assertExecuted("o-9", "ship", "askForReview");
    }
  }

  @Test
  void aCrashPointForOneWorkflowStopsThatOneOnly() throws Exception {
    Path storage = dir.resolve("storage");
    Path log = dir.resolve("child.log");
    Process child =
        ChildJvm.start(
            log,
            List.of(ChildJvm.crashAfterCommit("charge", "o-2")),
            OrdersProgram.class,
            storage.toString(),
            "o-1",
            "o-2",
            "o-3");
    String line = ChildJvm.awaitLine(child, log, ChildJvm.CRASH_LINE, TIMEOUT);
    assertEquals("WAYMARK-CRASH after-commit o-2 charge", line);
    assertEquals(137, ChildJvm.kill(child), "killed by SIGKILL");

    try (TestWaymark kit = new TestWaymark(storage, builder -> {})) {
      for (String id : List.of("o-1", "o-2", "o-3")) {
        // the kill may have come before the child sent it (a second copy is never read)
        kit.waymark().sendEvent(id, "shipped", "track-" + id);
        String result = kit.advanceUntilDone(kit.waymark().resumeAsync(id), Duration.ofHours(1));
        assertTrue(result.startsWith(id + " reserved, charged, shipped as track-" + id), result);
      }
      assertTrue(kit.restored("o-2").contains("charge"), kit.restored("o-2").toString());
      assertTrue(!kit.executed("o-2").contains("charge"), kit.executed("o-2").toString());
    }
  }

  @Test
  void aCrashPointThatNamesNoMomentIsRefused() throws Exception {
    Path log = dir.resolve("child.log");
    Process child =
        ChildJvm.start(
            log,
            List.of("-Dwaymark.crash=charge"),
            OrdersProgram.class,
            dir.resolve("storage").toString(),
            "o-1");
    assertTrue(child.waitFor(TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
    String printed = java.nio.file.Files.readString(log);
    assertTrue(printed.contains("-Dwaymark.crash must be after-commit:TASK"), printed);
    assertTrue(child.exitValue() != 0, printed);
  }
}
