package evo;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;

public final class Upgrade {
  public record Order(String id, int cents) {}

  @Step
  static Order order(String id) {
    return new Order(id, 1250);
  }

  /** Version 1, kept until the workflows recorded with it have finished. */
  @Step(name = "charge", version = 1)
  static String chargeV1(Order order) {
    return "charged " + order.cents() + " for " + order.id() + " (v1)";
  }

  @Step(version = 2)
  static String charge(Order order, String currency) {
    return "charged " + order.cents() + " " + currency + " for " + order.id() + " (v2)";
  }

  static Workflow<String> workflow(String id) {
    return UpgradeSteps.charge(UpgradeSteps.order(id), Workflow.of("EUR"));
  }
}
