package evo;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;

public final class Retype {
  public record Price(String item, float cents) {}

  @Step
  static Price make(String item) {
    return new Price(item, 350);
  }

  @Step
  static String show(Price price) throws InterruptedException {
    Gate.hold("retype");
    return price.item() + "=" + price.cents();
  }

  static Workflow<String> workflow() {
    return RetypeSteps.show(RetypeSteps.make("pear"));
  }
}
