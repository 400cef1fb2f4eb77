package dev.waymark.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The kit itself: the extension's parameters, the clock, a temporary storage's lifetime. */
@ExtendWith(WaymarkExtension.class)
class TestKitTest {
  @Test
  void theExtensionGivesOneRuntimeItsClockAndItsKit(
      TestWaymark kit, Waymark waymark, TestClock clock) {
    assertSame(kit.waymark(), waymark);
    assertSame(kit.clock(), clock);
    assertTrue(Files.isDirectory(kit.storage()));
  }

  @Test
  void aDayOfSleepEndsWhenTheClockSaysSo(TestWaymark kit) {
    CompletableFuture<Instant> nap =
        kit.waymark().runAsync(Workflow.sleep(Duration.ofDays(1)), "nap");
    kit.awaitSleeping("nap", "sleep", Duration.ofSeconds(30)); // the wake-up time is fixed
    Instant woke = kit.advanceUntilDone(nap, Duration.ofHours(1));
    assertEquals(TestClock.START.plus(Duration.ofDays(1)), woke);
    assertEquals(WorkflowStatus.SUCCESSFUL, kit.waymark().getStatus("nap"));
  }

  @Test
  void aRestartKeepsTheStorageAndForgetsTheRecord(TestWaymark kit) {
    kit.waymark().run(Workflow.sleep(Duration.ZERO), "zero");
    Waymark restarted = kit.restart();
    assertEquals(WorkflowStatus.SUCCESSFUL, restarted.getStatus("zero"));
    assertEquals(java.util.List.of(), kit.executed("zero"));
  }

  @Test
  void theClockOnlyGoesForward() {
    TestClock clock = new TestClock();
    assertEquals(TestClock.START, clock.instant());
    clock.advance(Duration.ofMinutes(3));
    assertEquals(TestClock.START.plusSeconds(180), clock.instant());
    clock.set(TestClock.START.plusSeconds(600));
    assertEquals(TestClock.START.plusSeconds(600).toEpochMilli(), clock.millis());
    assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> clock.set(TestClock.START));
  }

  @Test
  void aTemporaryStorageIsDeletedOnClose() {
    Path storage;
    try (TestWaymark kit = TestWaymark.onTemporaryStorage(builder -> builder.parallelism(1))) {
      kit.waymark().run(Workflow.sleep(Duration.ZERO), "zero");
      storage = kit.storage();
      assertTrue(Files.isDirectory(storage));
    }
    assertFalse(Files.exists(storage));
  }

  @Test
  void aMismatchNamesTheTasksThatRan(TestWaymark kit) {
    kit.waymark().run(Workflow.sleep(Duration.ZERO), "zero");
    AssertionError e =
        assertThrows(AssertionError.class, () -> kit.assertExecuted("zero", "charge"));
    assertTrue(e.getMessage().contains("expected [charge]"), e.getMessage());
  }
}
