package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.RetryBackoff;
import dev.waymark.StepOptions;
import dev.waymark.Waymark;
import dev.waymark.WaymarkEvent;
import dev.waymark.WaymarkListener;
import dev.waymark.Workflow;
import dev.waymark.exceptions.WorkflowCancelledException;
import dev.waymark.exceptions.WorkflowStoppedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener SPI: which events a run delivers, in which order, and what a bad listener does. */
class ListenerTest {
  @TempDir Path dir;

  /** Every event as one short line: its kind, task and attempt where it has them. */
  static final class Recorder implements WaymarkListener {
    final List<WaymarkEvent> events = new CopyOnWriteArrayList<>();

    /** Each event with its line, added as one: listeners are called from several threads. */
    private final List<Map.Entry<WaymarkEvent, String>> seen = new CopyOnWriteArrayList<>();

    @Override
    public void on(WaymarkEvent event) {
      String line;
      String kind = event.getClass().getSimpleName();
      if (event instanceof WaymarkEvent.StepStarted e) {
        line = kind + " " + e.taskId() + " " + e.attempt();
      } else if (event instanceof WaymarkEvent.StepCommitted e) {
        line = kind + " " + e.taskId() + " " + e.attempt();
      } else if (event instanceof WaymarkEvent.StepRetried e) {
        line = kind + " " + e.taskId() + " " + e.attempt();
      } else if (event instanceof WaymarkEvent.StepFailed e) {
        line = kind + " " + e.taskId() + " " + e.attempt();
      } else if (event instanceof WaymarkEvent.StepRestored e) {
        line = kind + " " + e.taskId();
      } else if (event instanceof WaymarkEvent.SleepStarted e) {
        line = kind + " " + e.taskId();
      } else if (event instanceof WaymarkEvent.SleepEnded e) {
        line = kind + " " + e.taskId();
      } else if (event instanceof WaymarkEvent.EventReceived e) {
        line = kind + " " + e.taskId() + " " + e.key();
      } else {
        line = kind;
      }
      seen.add(Map.entry(event, line));
      events.add(event);
    }

    List<String> of(String workflowId) {
      List<String> mine = new java.util.ArrayList<>();
      for (Map.Entry<WaymarkEvent, String> one : seen) {
        if (one.getKey().workflowId().equals(workflowId)) {
          mine.add(one.getValue());
        }
      }
      return mine;
    }
  }

  @AfterEach
  void uninstall() {
    RunHooks.install(dir, null);
  }

  private Waymark open(Recorder recorder) {
    return Waymark.builder().storage(dir).listener(recorder).build();
  }

  @Test
  void aChainReportsEachStepStartedAndCommittedThenTheEnd() {
    Recorder recorder = new Recorder();
    try (Waymark waymark = open(recorder)) {
      assertEquals(3, (int) waymark.run(TestSteps.inc(TestSteps.inc(Workflow.of(1))), "chain"));
    }
    assertEquals(
        List.of(
            "WorkflowStarted",
            "StepStarted inc 1",
            "StepCommitted inc 1",
            "StepStarted inc_1 1",
            "StepCommitted inc_1 1",
            "WorkflowFinished"),
        recorder.of("chain"));
    WaymarkEvent.StepCommitted last = (WaymarkEvent.StepCommitted) recorder.events.get(4);
    assertTrue(last.bytes() > 0, "the workflow's output is stored: " + last);
    assertTrue(!last.time().isBefore(last.started()), last.toString());
  }

  @Test
  void aRetryIsReportedWithItsErrorAndDelay() {
    TestSteps.FLAKY_CALLS.set(0);
    Recorder recorder = new Recorder();
    StepOptions retrying =
        StepOptions.builder()
            .retryExceptions(true)
            .backoff(RetryBackoff.fixed(Duration.ofMillis(10)))
            .build();
    try (Waymark waymark = open(recorder)) {
      assertEquals(1, (int) waymark.run(TestSteps.flaky(1).options(retrying), "flaky"));
    }
    assertEquals(
        List.of(
            "WorkflowStarted",
            "StepStarted flaky 1",
            "StepRetried flaky 1",
            "StepStarted flaky 2",
            "StepCommitted flaky 2",
            "WorkflowFinished"),
        recorder.of("flaky"));
    WaymarkEvent.StepRetried retried = (WaymarkEvent.StepRetried) recorder.events.get(2);
    assertEquals(Duration.ofMillis(10), retried.delay());
    assertTrue(retried.error() instanceof IllegalStateException, retried.toString());
  }

  @Test
  void aFailureIsReportedForTheStepAndTheWorkflow() {
    Recorder recorder = new Recorder();
    try (Waymark waymark = open(recorder)) {
      assertThrows(Exception.class, () -> waymark.run(TestSteps.fail(Workflow.of(1)), "failing"));
    }
    assertEquals(
        List.of("WorkflowStarted", "StepStarted fail 1", "StepFailed fail 1", "WorkflowFailed"),
        recorder.of("failing"));
    WaymarkEvent.WorkflowFailed failed = (WaymarkEvent.WorkflowFailed) recorder.events.get(3);
    assertTrue(failed.error().getMessage().contains("boom 1"), failed.error().getMessage());
  }

  @Test
  void aResumeAfterACrashRestoresWhatWasCommitted() {
    // an injected crash needs segments; the former layout says so (CrashInjectionTest)
    org.junit.jupiter.api.Assumptions.assumeFalse(
        "directories".equals(System.getProperty("waymark.storage.layout")));
    RunHooks.install(dir, Crashes.afterCommit("inc_1"));
    Workflow<Integer> chain = TestSteps.inc(TestSteps.inc(TestSteps.inc(Workflow.of(1))));
    try (Waymark waymark = Waymark.open(dir)) {
      assertThrows(WorkflowStoppedException.class, () -> waymark.run(chain, "chain"));
    }
    RunHooks.install(dir, null);
    Recorder recorder = new Recorder();
    try (Waymark waymark = open(recorder)) {
      assertEquals(4, (int) waymark.resume("chain"));
    }
    assertEquals(
        List.of(
            "WorkflowResumed",
            "StepRestored inc_1",
            "StepStarted inc_2 1",
            "StepCommitted inc_2 1",
            "WorkflowFinished"),
        recorder.of("chain"));
  }

  @Test
  void aSleepAnEventACancelAndAStopAreReported() throws Exception {
    Recorder recorder = new Recorder();
    try (Waymark waymark = open(recorder)) {
      CompletableFuture<String> waiting =
          waymark.runAsync(Workflow.waitForEvent("go", String.class), "waiting");
      waymark.sendEvent("waiting", "go", "now");
      assertEquals("now", waiting.get(30, TimeUnit.SECONDS));
      waymark.run(Workflow.sleep(Duration.ofMillis(1)), "napping");

      CompletableFuture<java.time.Instant> long1 =
          waymark.runAsync(Workflow.sleep(Duration.ofHours(1)), "canceled");
      awaitLine(recorder, "canceled", "SleepStarted sleep");
      waymark.cancel("canceled");
      ExecutionException canceled =
          assertThrows(ExecutionException.class, () -> long1.get(30, TimeUnit.SECONDS));
      assertTrue(canceled.getCause() instanceof WorkflowCancelledException, canceled.toString());

      waymark.runAsync(Workflow.sleep(Duration.ofHours(1)), "stopped");
      awaitLine(recorder, "stopped", "SleepStarted sleep");
    }
    assertEquals(
        List.of(
            "WorkflowStarted",
            "EventReceived event go",
            "StepCommitted event 1",
            "WorkflowFinished"),
        recorder.of("waiting"));
    assertEquals(
        List.of(
            "WorkflowStarted",
            "SleepStarted sleep",
            "SleepEnded sleep",
            "StepCommitted sleep 1",
            "WorkflowFinished"),
        recorder.of("napping"));
    assertEquals(
        List.of("WorkflowStarted", "SleepStarted sleep", "WorkflowCancelled"),
        recorder.of("canceled"));
    assertEquals(
        List.of("WorkflowStarted", "SleepStarted sleep", "WorkflowStopped"),
        recorder.of("stopped"));
  }

  @Test
  void aListenerThatThrowsChangesNothing() {
    Recorder after = new Recorder();
    try (Waymark waymark =
        Waymark.builder()
            .storage(dir)
            .listener(
                event -> {
                  throw new IllegalStateException("a broken listener");
                })
            .listener(after)
            .build()) {
      assertEquals(2, (int) waymark.run(TestSteps.inc(Workflow.of(1)), "one"));
    }
    assertEquals(
        List.of("WorkflowStarted", "StepStarted inc 1", "StepCommitted inc 1", "WorkflowFinished"),
        after.of("one"));
  }

  @Test
  void theLogWarnsOfARetryAndSaysNothingOfASuccessfulRun() {
    TestSteps.FLAKY_CALLS.set(0);
    StepOptions retrying =
        StepOptions.builder()
            .retryExceptions(true)
            .backoff(RetryBackoff.fixed(Duration.ofMillis(10)))
            .build();
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    java.io.PrintStream err = System.err;
    System.setErr(new java.io.PrintStream(captured, true));
    try (Waymark waymark = Waymark.open(dir)) {
      waymark.run(TestSteps.inc(TestSteps.inc(Workflow.of(1))), "quiet");
      waymark.run(TestSteps.flaky(1).options(retrying), "loud");
    } finally {
      System.setErr(err);
    }
    String log = captured.toString();
    // this module's tests log at WARN (simplelogger.properties)
    assertTrue(
        log.contains(
            "WARN dev.waymark.runs - workflow 'loud': step 'flaky' failed (attempt 1), retried in"
                + " PT0.01S: java.lang.IllegalStateException: failure #0"),
        log);
    assertTrue(!log.contains("quiet"), log);
  }

  private static void awaitLine(Recorder recorder, String id, String line)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!recorder.of(id).contains(line)) {
      assertTrue(System.nanoTime() < deadline, id + " never reported " + line);
      Thread.sleep(1);
    }
  }
}
