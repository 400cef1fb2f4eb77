package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.EventListener;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowNotFoundException;
import java.nio.file.Files;
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
      assertFalse(
          Files.exists(dir.resolve("workflows/mail/events/go.bin")), "consumed once stored");
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
}
