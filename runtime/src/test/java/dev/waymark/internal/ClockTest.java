package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.RetryBackoff;
import dev.waymark.StepOptions;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowMetadata;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A clock set on the builder: sleeps, backoffs and stored times follow it, not the system's. */
class ClockTest {
  private static final Instant T0 = Instant.parse("2031-01-01T00:00:00Z");

  @TempDir Path dir;

  /** A clock that moves only when told to. */
  static final class HandClock implements InstantSource {
    final AtomicLong millis = new AtomicLong(T0.toEpochMilli());

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }

    void advance(Duration by) {
      millis.addAndGet(by.toMillis());
    }
  }

  /** Moves {@code clock} on by {@code step} until {@code done} completes; returns how often. */
  private static int advanceUntilDone(HandClock clock, Duration step, CompletableFuture<?> done)
      throws Exception {
    for (int moves = 0; moves < 1_000; moves++) {
      try {
        done.get(20, TimeUnit.MILLISECONDS);
        return moves;
      } catch (TimeoutException e) {
        clock.advance(step);
      }
    }
    throw new AssertionError("not done after 1,000 moves of the clock");
  }

  @Test
  void aSleepOfAnHourEndsWhenTheClockHasMovedAnHour() throws Exception {
    HandClock clock = new HandClock();
    long realStart = System.nanoTime();
    try (Waymark waymark = Waymark.builder().storage(dir).clock(clock).build()) {
      CompletableFuture<Instant> sleeper =
          waymark.runAsync(Workflow.sleep(Duration.ofHours(1)), "sleeper");
      sleeper.get(20, TimeUnit.MILLISECONDS);
    } catch (TimeoutException expected) {
      // asleep, as it should be: the clock has not moved
    }
    try (Waymark waymark = Waymark.builder().storage(dir).clock(clock).build()) {
      CompletableFuture<Instant> sleeper = waymark.resumeAsync("sleeper");
      advanceUntilDone(clock, Duration.ofMinutes(5), sleeper);
      Instant wake = sleeper.join();
      // The wake-up time was fixed by the clock when the step first ran, before any move.
      assertEquals(T0.plus(Duration.ofHours(1)), wake);
      assertFalse(clock.instant().isBefore(wake), "not woken before the clock reached it");
      WorkflowMetadata metadata = waymark.getMetadata("sleeper");
      assertEquals(T0, metadata.firstStart());
      assertFalse(metadata.end().isBefore(wake), "the end is stored in the clock's time");
    }
    long realMillis = (System.nanoTime() - realStart) / 1_000_000;
    assertTrue(realMillis < 30_000, "an hour of sleep took " + realMillis + " ms of real time");
  }

  @Test
  void retryBackoffWaitsForTheClock() throws Exception {
    TestSteps.FLAKY_CALLS.set(0);
    HandClock clock = new HandClock();
    try (Waymark waymark = Waymark.builder().storage(dir).clock(clock).build()) {
      Workflow<Integer> flaky =
          TestSteps.flaky(2)
              .options(
                  StepOptions.builder()
                      .retryExceptions(true)
                      .backoff(RetryBackoff.fixed(Duration.ofHours(1)))
                      .build());
      CompletableFuture<Integer> run = waymark.runAsync(flaky, "flaky");
      int moves = advanceUntilDone(clock, Duration.ofMinutes(30), run);
      assertEquals(2, run.join());
      assertTrue(moves >= 4, "two backoffs of an hour need 4 moves of 30 minutes, took " + moves);
      Instant stepEnd = waymark.getMetadata("flaky", "flaky").end();
      assertFalse(stepEnd.isBefore(T0.plus(Duration.ofHours(2))), "stored at " + stepEnd);
    }
  }

  @Test
  void aCancelOfAResumableWorkflowIsStampedWithTheClock() throws Exception {
    HandClock clock = new HandClock();
    try (Waymark waymark = Waymark.builder().storage(dir).clock(clock).build()) {
      waymark.runAsync(Workflow.sleep(Duration.ofHours(1)), "sleeper");
      while (waymark.getStatus("sleeper") != dev.waymark.WorkflowStatus.RUNNING) {
        Thread.onSpinWait();
      }
    } // stopped: the sleeper is left RESUMABLE
    clock.advance(Duration.ofDays(3));
    try (Waymark waymark = Waymark.builder().storage(dir).clock(clock).build()) {
      assertEquals(dev.waymark.WorkflowStatus.RESUMABLE, waymark.getStatus("sleeper"));
      waymark.cancel("sleeper");
      assertEquals(dev.waymark.WorkflowStatus.CANCELED, waymark.getStatus("sleeper"));
      assertEquals(clock.instant(), waymark.getMetadata("sleeper").end());
    }
  }

  @Test
  void theSystemClockIsTheDefault() {
    assertTrue(WorkflowClock.of(null).isSystem());
    assertTrue(WorkflowClock.of(InstantSource.system()).isSystem());
    assertFalse(WorkflowClock.of(new HandClock()).isSystem());
  }
}
