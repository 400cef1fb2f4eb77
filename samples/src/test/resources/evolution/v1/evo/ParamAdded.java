package evo;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;

public final class ParamAdded {
  @Step
  static int first(int x) {
    return x + 1;
  }

  @Step
  static int second(int y) throws InterruptedException {
    Gate.hold("ParamAdded");
    return y * 2;
  }

  static Workflow<Integer> workflow() {
    return ParamAddedSteps.second(ParamAddedSteps.first(20));
  }
}
