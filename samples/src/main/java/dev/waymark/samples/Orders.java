package dev.waymark.samples;

import dev.waymark.Workflow;
import dev.waymark.annotations.Backoff;
import dev.waymark.annotations.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An order: reserve the goods, charge the card (the payment service may be down: retried a minute
 * later, then two, ...), ship once the warehouse sends the "shipped" event with its tracking
 * number, and an hour after the order ask for a review. {@code OrdersTest} tests it with the test
 * kit: the retries, the hour and a crash take no real time.
 */
public final class Orders {
  /** How many calls to the payment service fail before one succeeds (a test sets it). */
  static final AtomicInteger PAYMENT_OUTAGES = new AtomicInteger();

  private Orders() {}

  @Step
  static String reserve(String order) {
    return order + " reserved";
  }

  @Step(
      maxRetries = 5,
      retryExceptions = true,
      backoff = @Backoff(delayMillis = 60_000, multiplier = 2, maxDelayMillis = 600_000))
  static String charge(String reserved) {
    if (PAYMENT_OUTAGES.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("the payment service is unavailable");
    }
    return reserved + ", charged";
  }

  @Step
  static String ship(String charged, String tracking) {
    return charged + ", shipped as " + tracking;
  }

  @Step
  static String askForReview(Instant at, String shipped) {
    return shipped + ", review asked at " + at;
  }

  /** The order workflow; the warehouse sends the event "shipped" with a tracking number. */
  static Workflow<String> order(String order) {
    Workflow<String> charged = OrdersSteps.charge(OrdersSteps.reserve(Workflow.of(order)));
    Workflow<String> shipped =
        OrdersSteps.ship(charged, Workflow.waitForEvent("shipped", String.class));
    return OrdersSteps.askForReview(Workflow.sleep(Duration.ofHours(1)), shipped);
  }
}
