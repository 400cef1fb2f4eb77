package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Durability;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.Storages;
import dev.waymark.internal.storage.WorkflowStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Durability#POWER_LOSS}: an output is forced to the device before anything depends on it,
 * and commits made while a sync runs share the next one.
 */
class DurabilityTest {
  @TempDir Path dir;

  private final List<String> events = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void stopNoting() {
    TestSteps.events = null;
  }

  /** The real store; notes every record written ("write") and every force ("forced"). */
  private ForwardingStore noting(Durability durability, Runnable beforeForce) {
    return new ForwardingStore(Storages.open(dir, 8, durability, 0)) {
      @Override
      WorkflowStore wrap(WorkflowStore claim) {
        return new ForwardingWorkflow(claim) {
          @Override
          public Values values() {
            return new ForwardingValues(claim.values()) {
              @Override
              public void write(
                  long key, long startMillis, long endMillis, byte[] bytes, int offset, int n) {
                super.write(key, startMillis, endMillis, bytes, offset, n);
                events.add("write");
              }

              @Override
              public void force() {
                beforeForce.run();
                super.force();
                events.add("forced");
              }
            };
          }
        };
      }
    };
  }

  private static Engine engine(Storage store, int parallelism) {
    return new Engine(store, EngineSettings.of(parallelism));
  }

  private static Workflow<Integer> chain(int steps) {
    Workflow<Integer> x = Workflow.of(0);
    for (int i = 0; i < steps; i++) {
      x = TestSteps.noted(x);
    }
    return x;
  }

  @Test
  void eachOutputIsForcedBeforeTheStepThatReadsItStarts() {
    TestSteps.events = events;
    try (Engine engine = engine(noting(Durability.POWER_LOSS, () -> {}), 2)) {
      assertEquals(5, engine.run((Node<?>) chain(5), "chain", Map.of(), true).join());
    }
    List<String> seen = List.copyOf(events);
    assertEquals(5, Collections.frequency(seen, "run"), seen.toString());
    int previousRun = seen.indexOf("run");
    for (int i = previousRun + 1; i < seen.size(); i++) {
      if (seen.get(i).equals("run")) {
        List<String> between = seen.subList(previousRun + 1, i);
        int write = between.indexOf("write");
        assertTrue(
            write >= 0 && between.subList(write, between.size()).contains("forced"),
            "the previous output was written, then forced, before step " + i + ": " + seen);
        previousRun = i;
      }
    }
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(5, (Integer) waymark.getOutput("chain"), "readable in the default mode too");
    }
  }

  @Test
  void theDefaultModeForcesNothing() {
    TestSteps.events = events;
    try (Engine engine = engine(noting(Durability.PROCESS_CRASH, () -> {}), 2)) {
      assertEquals(5, engine.run((Node<?>) chain(5), "chain", Map.of(), true).join());
    }
    assertEquals(5, Collections.frequency(events, "run"));
    assertEquals(0, Collections.frequency(events, "forced"), events.toString());
  }

  @Test
  void commitsMadeDuringASyncShareTheNextOne() throws Exception {
    int width = 64;
    CountDownLatch allWritten = new CountDownLatch(width);
    AtomicInteger forces = new AtomicInteger();
    // The first sync lasts until every branch has written its output: a thread that waited for
    // its own commit would never let that happen (4 threads, 64 branches).
    Runnable firstSyncIsSlow =
        () -> {
          if (forces.getAndIncrement() == 0) {
            try {
              assertTrue(allWritten.await(20, TimeUnit.SECONDS), "branches went on meanwhile");
            } catch (InterruptedException e) {
              throw new AssertionError(e);
            }
          }
        };
    ForwardingStore store =
        new ForwardingStore(noting(Durability.POWER_LOSS, firstSyncIsSlow)) {
          @Override
          WorkflowStore wrap(WorkflowStore claim) {
            return new ForwardingWorkflow(super.wrap(claim)) {
              @Override
              public Values values() {
                return new ForwardingValues(super.values()) {
                  @Override
                  public void write(
                      long key, long startMillis, long endMillis, byte[] bytes, int offset, int n) {
                    super.write(key, startMillis, endMillis, bytes, offset, n);
                    allWritten.countDown();
                  }
                };
              }
            };
          }
        };
    List<Workflow<Integer>> branches = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      branches.add(TestSteps.noted(Workflow.of(i)));
    }
    int expected = width * (width - 1) / 2 + width;
    try (Engine engine = engine(store, 4)) {
      assertEquals(
          expected,
          engine
              .run((Node<?>) TestSteps.sum(Workflow.all(branches)), "wide", Map.of(), false)
              .get(30, TimeUnit.SECONDS));
    }
    long writes = Collections.frequency(events, "write");
    long forced = Collections.frequency(events, "forced");
    assertTrue(writes >= width + 1, events.toString());
    assertTrue(forced <= 4, "65 commits shared a few syncs, not one each: " + forced);
  }
}
