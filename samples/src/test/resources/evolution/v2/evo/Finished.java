package evo;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;

public final class Finished {
  public record Total(String label, int b, int a) {}

  @Step
  static Total total(String label) {
    return new Total(label, 2, 1);
  }

  static Workflow<Total> workflow() {
    return FinishedSteps.total("sum");
  }
}
