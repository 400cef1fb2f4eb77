package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From the public API, as the README's "Which thread runs the steps" says: {@code run} runs a chain
 * of steps on the caller's thread, which sees the caller's thread-locals; {@code runAsync} runs
 * them on the step pool; an interrupted caller still gets its result and keeps its interrupt, and
 * the storage keeps working.
 */
class RunThreadTest {
  @TempDir Path dir;

  @BeforeEach
  void reset() {
    Tagged.SEEN.clear();
    Tagged.TAG.set("caller");
  }

  @AfterEach
  void untag() {
    Tagged.TAG.remove();
  }

  private static Workflow<Integer> chain() {
    return TaggedSteps.next(TaggedSteps.next(TaggedSteps.next(0)));
  }

  @Test
  void runRunsTheChainOnTheCallersThreadAndRunAsyncOnThePool() {
    String here = Thread.currentThread().getName() + "|caller";
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(3, waymark.run(chain(), "run"));
      assertEquals(List.of(here, here, here), Tagged.SEEN);

      Tagged.SEEN.clear();
      assertEquals(3, waymark.runAsync(chain(), "async").join());
      assertEquals(3, Tagged.SEEN.size());
      for (String seen : Tagged.SEEN) {
        assertTrue(seen.endsWith("|null"), "a pool thread without the caller's tag: " + seen);
      }
    }
  }

  @Test
  void anInterruptedCallerGetsItsResultKeepsItsInterruptAndTheStorageKeepsWorking() {
    try (Waymark waymark = Waymark.open(dir)) {
      Thread.currentThread().interrupt();
      assertEquals(3, waymark.run(chain(), "interrupted"));
      assertTrue(Thread.interrupted(), "the caller's interrupt is kept");
      for (String seen : Tagged.SEEN) {
        assertFalse(seen.endsWith("|caller"), "an interrupted caller runs no step: " + seen);
      }
      assertEquals(3, waymark.run(chain(), "after"));
    }
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(WorkflowStatus.SUCCESSFUL, waymark.getStatus("interrupted"));
      assertEquals(WorkflowStatus.SUCCESSFUL, waymark.getStatus("after"));
    }
  }
}
