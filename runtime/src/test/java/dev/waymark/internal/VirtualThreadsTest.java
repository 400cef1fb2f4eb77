package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Steps that block (I/O, sleeps, locks) hold no platform thread on JDK 21+, so many can wait at
 * once; parallelism still bounds how many steps run. CI runs these on JDK 25 as well as on 17.
 */
class VirtualThreadsTest {
  @TempDir Path dir;

  @Test
  void onJdk21AndLaterManyBlockingStepsWaitAtOnceByDefault() throws Exception {
    assumeTrue(StepThreads.virtualAvailable(), "virtual threads need JDK 21+");
    ManagementSteps.gate = new CountDownLatch(1);
    ManagementSteps.STARTED.set(0);
    int workflows = 100; // far more than this machine's cores
    try (Waymark waymark = Waymark.open(dir)) {
      List<CompletableFuture<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < workflows; i++) {
        runs.add(waymark.runAsync(ManagementSteps.GATED.call(Workflow.of(2 * i)), "w" + i));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (ManagementSteps.STARTED.get() < workflows) {
        assertTrue(
            System.nanoTime() < deadline, ManagementSteps.STARTED.get() + " blocked at once");
        Thread.sleep(2);
      }
      ManagementSteps.gate.countDown();
      for (int i = 0; i < workflows; i++) {
        assertEquals(2 * i, runs.get(i).get(30, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void parallelismBoundsTheStepsThatRunAtOnce() throws Exception {
    ManagementSteps.gate = new CountDownLatch(1);
    ManagementSteps.STARTED.set(0);
    try (Waymark waymark = Waymark.builder().storage(dir).parallelism(3).build()) {
      List<CompletableFuture<Integer>> runs = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        runs.add(waymark.runAsync(ManagementSteps.GATED.call(Workflow.of(2 * i)), "p" + i));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (ManagementSteps.STARTED.get() < 3) {
        assertTrue(System.nanoTime() < deadline);
        Thread.sleep(2);
      }
      Thread.sleep(100); // a fourth step would have started by now
      assertEquals(3, ManagementSteps.STARTED.get());
      ManagementSteps.gate.countDown();
      for (CompletableFuture<Integer> run : runs) {
        run.get(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void beforeJdk21VirtualThreadsAreRefusedSayingWhy() {
    assumeFalse(StepThreads.virtualAvailable());
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> Waymark.builder().virtualThreads(true));
    assertTrue(e.getMessage().contains("JDK 21"), e.getMessage());
  }
}
