package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.EventListener;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.exceptions.EventTypeMismatchException;
import dev.waymark.exceptions.UnsupportedCheckpointTypeException;
import dev.waymark.exceptions.WorkflowNotFoundException;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.Storages;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waiting for external events: the built-in mailbox and user listeners. */
class EventTest {
  @TempDir Path dir;

  @Test
  void anEventSentToTheMailboxIsReceivedOnceAndConsumed() throws Exception {
    try (Waymark waymark = Waymark.builder().storage(dir).parallelism(1).build()) {
      CompletableFuture<Integer> run =
          waymark.runAsync(TestSteps.inc(Workflow.waitForEvent("go", Integer.class)), "mail");
      Thread.sleep(200);
      assertFalse(run.isDone());
      // The only step thread is free while the workflow waits.
      assertEquals(2, waymark.run(TestSteps.inc(Workflow.of(1)), "other"));
      waymark.sendEvent("mail", "go", 41);
      assertEquals(42, run.get(10, TimeUnit.SECONDS));
      assertFalse(StoredFiles.eventPresent(dir, "mail", "go"), "consumed once stored");
      assertEquals(41, (Integer) waymark.getOutput("mail", "event"));
    }
  }

  @Test
  void severalWaitsArePolledConcurrently() throws Exception {
    try (Waymark waymark = Waymark.open(dir)) {
      CompletableFuture<Integer> run =
          waymark.runAsync(
              TestSteps.add(
                  Workflow.waitForEvent("a", Integer.class),
                  Workflow.waitForEvent("b", Integer.class)),
              "two");
      waymark.sendEvent("two", "b", 2);
      Thread.sleep(150);
      assertFalse(run.isDone());
      waymark.sendEvent("two", "a", 1);
      assertEquals(3, run.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void aListenerIsToldOnlyAfterTheEventWasStored() throws Exception {
    CompletableFuture<Integer> source = new CompletableFuture<>();
    List<String> stored = new CopyOnWriteArrayList<>();
    EventListener<Integer> listener =
        new EventListener<>() {
          @Override
          public CompletionStage<Integer> poll(String key) {
            return source;
          }

          @Override
          public void eventStored(String key, Integer event) {
            stored.add(key + "=" + event);
          }
        };
    try (Waymark waymark =
        Waymark.builder().storage(dir).eventListener("queue", listener).build()) {
      CompletableFuture<Integer> run =
          waymark.runAsync(
              TestSteps.inc(Workflow.waitForEvent("queue", "job", Integer.class)), "listened");
      Thread.sleep(100);
      assertTrue(stored.isEmpty());
      source.complete(9);
      assertEquals(10, run.get(10, TimeUnit.SECONDS));
      assertEquals(List.of("job=9"), stored);
      assertEquals(9, (Integer) waymark.getOutput("listened", "event"));
    }
  }

  @Test
  void sendingToAnUnknownWorkflowFails() {
    try (Waymark waymark = Waymark.open(dir)) {
      assertThrows(WorkflowNotFoundException.class, () -> waymark.sendEvent("nobody", "x", 1));
    }
  }

  @Test
  void cancelEndsAWorkflowWaitingForAnEvent() throws Exception {
    try (Waymark waymark = Waymark.open(dir)) {
      CompletableFuture<Integer> run =
          waymark.runAsync(TestSteps.inc(Workflow.waitForEvent("never", Integer.class)), "waiting");
      Thread.sleep(100);
      waymark.cancel("waiting");
      assertTrue(run.isCompletedExceptionally());
      assertEquals(dev.waymark.WorkflowStatus.CANCELED, waymark.getStatus("waiting"));
    }
  }

  @Test
  void aPayloadOfAnotherTypeIsRefusedAtSendEventWhenTheRecordedDagWaits() throws Exception {
    try (Waymark waymark = Waymark.open(dir)) {
      CompletableFuture<Integer> run =
          waymark.runAsync(TestSteps.inc(Workflow.waitForEvent("go", Integer.class)), "typed");
      EventTypeMismatchException e =
          assertThrows(
              EventTypeMismatchException.class, () -> waymark.sendEvent("typed", "go", "41"));
      assertEquals(
          "workflow 'typed' waits for event 'go' of type java.lang.Integer, but 41 is a"
              + " java.lang.String; nothing was sent",
          e.getMessage());
      assertFalse(StoredFiles.eventPresent(dir, "typed", "go"));
      waymark.sendEvent("typed", "go", 41);
      assertEquals(42, run.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void aWaitInsideAContinuationDropsAWrongPayloadAndRefusesOnceItWaits() throws Exception {
    try (Waymark waymark = Waymark.open(dir)) {
      CompletableFuture<String> run =
          waymark.runAsync(ContinuationSteps.WAIT_INSIDE.call(), "inside");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!StoredFiles.expectationPresent(dir, "inside", "word")) {
        assertTrue(System.nanoTime() < deadline, "the wait recorded what it expects");
        Thread.sleep(5);
      }
      assertThrows(EventTypeMismatchException.class, () -> waymark.sendEvent("inside", "word", 7));
      // What a sender that came before the wait knew anything would have left: dropped, not
      // delivered.
      try (Storage sender = Storages.open(dir)) {
        sender.postEvent("inside", "word", CheckpointCodec.serialize(7));
      }
      long dropped = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (StoredFiles.eventPresent(dir, "inside", "word")) {
        assertTrue(System.nanoTime() < dropped, "the wait dropped the wrong payload");
        Thread.sleep(5);
      }
      assertFalse(run.isDone());
      waymark.sendEvent("inside", "word", "hello");
      assertEquals("hello[append1]", run.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void aListenerDeliveringAnotherTypeNeverReachesTheStep() throws Exception {
    TestSteps.RUNS.clear();
    EventListener<Object> listener =
        new EventListener<>() {
          @Override
          public CompletionStage<Object> poll(String key) {
            return CompletableFuture.completedFuture("not a number");
          }

          @Override
          public void eventStored(String key, Object event) {}
        };
    try (Waymark waymark =
        Waymark.builder().storage(dir).eventListener("queue", listener).build()) {
      EventTypeMismatchException e =
          assertThrows(
              EventTypeMismatchException.class,
              () ->
                  waymark.run(
                      TestSteps.inc(Workflow.waitForEvent("queue", "job", Integer.class)), "bad"));
      assertTrue(e.getMessage().contains("delivered a java.lang.String"), e.getMessage());
      assertEquals(0, TestSteps.runs("inc"));
      assertEquals(dev.waymark.WorkflowStatus.RESUMABLE, waymark.getStatus("bad"));
    }
  }

  @Test
  void aWaitForATypeNoStepAllowsIsRefusedWhenBuilt() {
    assertThrows(
        UnsupportedCheckpointTypeException.class, () -> Workflow.waitForEvent("k", Thread.class));
  }

  @Test
  void aBadEventKeyIsCalledAnEventKey() {
    try (Waymark waymark = Waymark.open(dir)) {
      waymark.run(TestSteps.inc(Workflow.of(1)), "keys");
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> waymark.sendEvent("keys", "no spaces", 1));
      assertTrue(e.getMessage().startsWith("invalid event key 'no spaces'"), e.getMessage());
    }
  }
}
