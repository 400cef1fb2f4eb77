package evo;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;

public final class Grow {
  public record Item(String name, int qty, String note) {}

  @Step
  static Item make(String name) {
    return new Item(name, 4, "");
  }

  @Step
  static String show(Item item) throws InterruptedException {
    Gate.hold("grow");
    return item.name() + " x" + item.qty() + item.note();
  }

  static Workflow<String> workflow() {
    return GrowSteps.show(GrowSteps.make("plum"));
  }
}
