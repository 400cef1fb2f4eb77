package evo;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;

public final class Reorder {
  public record Stat(String item, int price, int qty) {}

  @Step
  static Stat make(String item) {
    return new Stat(item, 7, 3);
  }

  @Step
  static String describe(Stat stat) throws InterruptedException {
    Gate.hold("reorder");
    return stat.item() + " qty=" + stat.qty() + " price=" + stat.price();
  }

  static Workflow<String> workflow() {
    return ReorderSteps.describe(ReorderSteps.make("apple"));
  }
}
