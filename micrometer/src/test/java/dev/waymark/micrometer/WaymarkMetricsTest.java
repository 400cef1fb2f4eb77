package dev.waymark.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.waymark.Waymark;
import dev.waymark.exceptions.WorkflowStoppedException;
import dev.waymark.test.TestWaymark;
import dev.waymark.test.WaymarkExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The meters of a workflow with a retry, one with a crash and a resume, and one canceled. */
class WaymarkMetricsTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final MeterRegistry registry = new SimpleMeterRegistry();

  @RegisterExtension
  final WaymarkExtension waymark =
      new WaymarkExtension().settings(b -> b.listener(new WaymarkMetrics(registry)));

  private double count(String name, String tag, String value) {
    var counter = registry.find(name).tag(tag, value).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aRetryIsCountedAndEachCommitTimedAndSized(TestWaymark kit) {
    Shop.OUTAGES.set(1);
    String result =
        kit.advanceUntilDone(
            kit.waymark().runAsync(Shop.order("o-1"), "o-1"), Duration.ofMinutes(1));
    assertEquals("o-1 picked, paid, packed", result);
    assertEquals(1, count("waymark.workflows.started", "kind", "new"));
    assertEquals(1, count("waymark.steps.retried", "step", "pay"));
    assertEquals(1, count("waymark.steps.committed", "step", "pay"));
    assertEquals(1, count("waymark.steps.committed", "step", "pack"));
    assertEquals(1, count("waymark.workflows.ended", "status", "successful"));
    assertEquals(1, registry.find("waymark.step.duration").tag("step", "pay").timer().count());
    assertEquals(3, registry.find("waymark.checkpoint.size").summary().count());
    assertEquals(
        "o-1 picked, paid, packed".length() + 1.0, // the output's length and Kryo's header
        registry.find("waymark.checkpoint.size").summary().max(),
        2.0);
  }

  @Test
  void aCrashAndAResumeCountWhatWasRestoredAndTheRecovery(TestWaymark kit) {
    kit.crashAfterCommit("pay");
    assertThrows(WorkflowStoppedException.class, () -> kit.waymark().run(Shop.order("o-2"), "o-2"));
    Waymark restarted = kit.restart(); // the same listener, registered again
    assertEquals("o-2 picked, paid, packed", restarted.resume("o-2"));
    assertEquals(1, count("waymark.workflows.started", "kind", "new"));
    assertEquals(1, count("waymark.workflows.started", "kind", "resumed"));
    assertEquals(1, count("waymark.steps.restored", "step", "pay"));
    assertEquals(1, count("waymark.steps.committed", "step", "pay"), "pay ran once");
    assertEquals(1, count("waymark.steps.committed", "step", "pack"));
    assertEquals(1, count("waymark.workflows.ended", "status", "successful"));
    assertEquals(1, registry.find("waymark.recovery.duration").timer().count());
  }

  @Test
  void aCancelIsCounted(TestWaymark kit) throws Exception {
    CompletableFuture<java.time.Instant> nap = kit.waymark().runAsync(Shop.nap(), "nap");
    kit.awaitSleeping("nap", "sleep", TIMEOUT);
    kit.waymark().cancel("nap");
    assertThrows(Exception.class, nap::join);
    assertEquals(1, count("waymark.workflows.ended", "status", "canceled"));
    assertEquals(0, count("waymark.workflows.ended", "status", "successful"));
  }

  @Test
  void theStepTagDropsTheRepeatSuffix() {
    assertEquals("inc", WaymarkMetrics.step("inc_12"));
    assertEquals("inc", WaymarkMetrics.step("inc"));
    assertEquals("a_b", WaymarkMetrics.step("a_b"));
    assertEquals("x_", WaymarkMetrics.step("x_"));
  }
}
