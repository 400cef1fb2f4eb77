package dev.waymark.micrometer;

import dev.waymark.Workflow;
import dev.waymark.annotations.Backoff;
import dev.waymark.annotations.Step;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The workflows the metrics tests observe: pick, pay (retried after a minute), pack. */
public final class Shop {
  /** How many calls to pay fail before one succeeds. */
  static final AtomicInteger OUTAGES = new AtomicInteger();

  private Shop() {}

  @Step
  static String pick(String order) {
    return order + " picked";
  }

  @Step(maxRetries = 3, retryExceptions = true, backoff = @Backoff(delayMillis = 60_000))
  static String pay(String picked) {
    if (OUTAGES.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new IllegalStateException("the bank is down");
    }
    return picked + ", paid";
  }

  @Step
  static String pack(String paid) {
    return paid + ", packed";
  }

  static Workflow<String> order(String order) {
    return ShopSteps.pack(ShopSteps.pay(ShopSteps.pick(Workflow.of(order))));
  }

  static Workflow<java.time.Instant> nap() {
    return Workflow.sleep(Duration.ofHours(1));
  }
}
