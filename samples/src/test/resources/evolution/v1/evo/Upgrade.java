package evo;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;

public final class Upgrade {
  public record Order(String id, int cents) {}

  @Step
  static Order order(String id) {
    return new Order(id, 1250);
  }

  @Step
  static String charge(Order order) throws InterruptedException {
    Gate.hold("upgrade");
    return "charged " + order.cents() + " for " + order.id();
  }

  static Workflow<String> workflow(String id) {
    return UpgradeSteps.charge(UpgradeSteps.order(id));
  }
}
