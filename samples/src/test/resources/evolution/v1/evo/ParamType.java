package evo;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;

public final class ParamType {
  @Step
  static int first(int x) {
    return x + 1;
  }

  @Step
  static int second(int y) throws InterruptedException {
    Gate.hold("ParamType");
    return y * 2;
  }

  static Workflow<Integer> workflow() {
    return ParamTypeSteps.second(ParamTypeSteps.first(20));
  }
}
