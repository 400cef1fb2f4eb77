package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Durable sleep: a stored wake-up time, and no thread held while sleeping. */
class SleepTest {
  @TempDir Path dir;

  @Test
  void sleepingHoldsNoThreadAndWakesAtTheStoredTime() throws Exception {
    try (Waymark waymark = Waymark.builder().storage(dir).parallelism(1).build()) {
      long before = System.currentTimeMillis();
      CompletableFuture<Instant> sleeper =
          waymark.runAsync(Workflow.sleep(Duration.ofMillis(2000)), "sleeper");
      Thread.sleep(100);
      // The only step thread is free: another workflow runs to the end meanwhile.
      assertEquals(2, waymark.run(TestSteps.inc(Workflow.of(1)), "other"));
      assertFalse(sleeper.isDone());
      Instant wake = sleeper.get(5, TimeUnit.SECONDS);
      long after = System.currentTimeMillis();
      assertTrue(wake.toEpochMilli() >= before + 2000, "wake-up fixed when the step ran");
      assertTrue(after >= wake.toEpochMilli(), "not woken early");
      assertEquals(wake, waymark.getOutput("sleeper"));
    }
  }
}
