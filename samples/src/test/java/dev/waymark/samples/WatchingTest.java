package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.exceptions.WorkflowStoppedException;
import dev.waymark.test.TestWaymark;
import dev.waymark.test.WaymarkExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The listener of {@link Watching}, seen from the public API through the test kit. */
class WatchingTest {
  private final Watching.StepLines steps = new Watching.StepLines();

  @RegisterExtension
  final WaymarkExtension waymark = new WaymarkExtension().settings(b -> b.listener(steps));

  @Test
  void aRetryAndEachCommitAreNoted(TestWaymark kit) {
    Orders.PAYMENT_OUTAGES.set(1);
    Waymark runtime = kit.waymark();
    java.util.concurrent.CompletableFuture<String> order =
        runtime.runAsync(Orders.order("o-1"), "o-1");
    runtime.sendEvent("o-1", "shipped", "track-1");
    String result = kit.advanceUntilDone(order, STEP);
    assertTrue(result.startsWith("o-1 reserved, charged"), result);
    List<String> lines = steps.lines; // the event wait and the sleep run beside the charge
    int retried =
        lines.indexOf("charge failed (the payment service is unavailable), retried in PT1M");
    int charged = indexOf(lines, "charge committed in ");
    assertTrue(retried >= 0 && charged > retried, lines.toString());
    int reserved = indexOf(lines, "reserve committed in ");
    assertTrue(reserved >= 0 && reserved < retried, lines.toString());
    assertTrue(indexOf(lines, "askForReview committed in ") > charged, lines.toString());
    assertEquals(7, lines.size(), lines.toString()); // 6 tasks committed and 1 retry
  }

  private static int indexOf(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void aResumeNotesWhatItRestored(TestWaymark kit) {
    kit.crashAfterCommit("charge");
    assertThrows(
        WorkflowStoppedException.class, () -> kit.waymark().run(Orders.order("o-2"), "o-2"));
    steps.lines.clear();
    Waymark restarted = kit.restart(); // the extension's listener is registered again
    restarted.sendEvent("o-2", "shipped", "track-2");
    kit.advanceUntilDone(restarted.resumeAsync("o-2"), STEP);
    assertTrue(steps.lines.contains("charge restored"), steps.lines.toString());
    assertTrue(
        steps.lines.stream().noneMatch(l -> l.startsWith("charge committed")),
        steps.lines.toString());
  }

  private static final Duration STEP = Duration.ofMinutes(1);
}
