package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowStoppedException;
import dev.waymark.test.TestClock;
import dev.waymark.test.TestWaymark;
import dev.waymark.test.WaymarkExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The order workflow tested with the test kit, as a user tests theirs. */
@ExtendWith(WaymarkExtension.class)
class OrdersTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @BeforeEach
  void paymentServiceUp() {
    Orders.PAYMENT_OUTAGES.set(0);
  }

  @Test
  void aPaymentOutageIsRetriedAfterItsBackoff(TestWaymark kit) {
    Orders.PAYMENT_OUTAGES.set(2);
    Waymark waymark = kit.waymark();
    CompletableFuture<String> order = waymark.runAsync(Orders.order("o-1"), "o-1");
    waymark.sendEvent("o-1", "shipped", "track-1");
    // The backoffs (a minute, then two) and the hour pass as the test moves the clock.
    String result = kit.advanceUntilDone(order, Duration.ofMinutes(1));
    assertTrue(result.startsWith("o-1 reserved, charged, shipped as track-1"), result);
    kit.assertExecuted("o-1", "reserve", "charge", "charge", "charge", "ship", "askForReview");
  }

  @Test
  void theHourBeforeTheReviewPassesWhenTheClockSaysSo(TestWaymark kit, TestClock clock)
      throws Exception {
    Waymark waymark = kit.waymark();
    CompletableFuture<String> order = waymark.runAsync(Orders.order("o-2"), "o-2");
    waymark.sendEvent("o-2", "shipped", "track-2");
    kit.awaitCommitted("o-2", "ship", TIMEOUT);
    kit.awaitSleeping("o-2", "sleep", TIMEOUT); // its wake-up time is fixed: the clock may move
    assertFalse(order.isDone(), "the review waits for the hour");
    clock.advance(Duration.ofHours(1));
    String result = order.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(
        "o-2 reserved, charged, shipped as track-2, review asked at "
            + TestClock.START.plus(Duration.ofHours(1)),
        result);
  }

  @Test
  void aCrashAfterTheChargeNeverChargesTwice(TestWaymark kit) {
    kit.crashAfterCommit("charge");
    Waymark waymark = kit.waymark();
    assertThrows(WorkflowStoppedException.class, () -> waymark.run(Orders.order("o-3"), "o-3"));
    assertTrue(kit.crashed());

    Waymark restarted = kit.restart();
    assertEquals(WorkflowStatus.RESUMABLE, restarted.getStatus("o-3"));
    restarted.sendEvent("o-3", "shipped", "track-3"); // kept until the workflow waits for it
    String result = kit.advanceUntilDone(restarted.resumeAsync("o-3"), Duration.ofMinutes(10));
    assertTrue(result.startsWith("o-3 reserved, charged, shipped as track-3"), result);
    assertTrue(kit.restored("o-3").contains("charge"), kit.restored("o-3").toString());
    kit.assertExecuted("o-3", "ship", "askForReview");
  }

  @Test
  void aCrashBeforeTheChargeIsCommittedChargesAgain(TestWaymark kit) {
    kit.crashBeforeCommit("charge");
    Waymark waymark = kit.waymark();
    assertThrows(WorkflowStoppedException.class, () -> waymark.run(Orders.order("o-4"), "o-4"));

    Waymark restarted = kit.restart();
    restarted.sendEvent("o-4", "shipped", "track-4");
    kit.advanceUntilDone(restarted.resumeAsync("o-4"), Duration.ofMinutes(10));
    kit.assertRestored("o-4", "reserve");
    kit.assertExecuted("o-4", "charge", "ship", "askForReview");
  }

  @Test
  void aCrashInTheMiddleOfAStateSaveGoesOnFromThatState(TestWaymark kit) {
    kit.crashInStateSave("train");
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      assertThrows(
          WorkflowStoppedException.class,
          () -> kit.waymark().run(TrainingSteps.train(20), "training"));
      double loss = kit.restart().resume("training");
      assertEquals(Math.pow(0.9, 20), loss, 1e-9);
    } finally {
      System.setOut(out);
    }
    // The first durable save (epoch 10) was written when the crash came; the step went on from it.
    assertTrue(
        printed.toString(StandardCharsets.UTF_8).contains("resuming at epoch 10"),
        printed.toString(StandardCharsets.UTF_8));
    kit.assertExecuted("training", "train");
  }

  @Test
  void anEventSentLateIsReceived(TestWaymark kit, TestClock clock) throws Exception {
    Waymark waymark = kit.waymark();
    CompletableFuture<String> order = waymark.runAsync(Orders.order("o-5"), "o-5");
    kit.advanceUntilCommitted("o-5", "sleep", Duration.ofMinutes(20)); // the hour is over
    assertFalse(order.isDone(), "nothing ships before the warehouse says so");
    assertEquals(WorkflowStatus.RUNNING, waymark.getStatus("o-5"));

    waymark.sendEvent("o-5", "shipped", "track-5");
    String result = order.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertTrue(result.contains("shipped as track-5"), result);
  }
}
