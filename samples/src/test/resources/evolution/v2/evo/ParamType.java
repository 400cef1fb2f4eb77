package evo;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;

public final class ParamType {
  @Step
  static int first(int x) {
    return x + 1;
  }

  @Step
  static int second(long y) throws InterruptedException {
    Gate.hold("ParamType");
    return (int) y * 2;
  }
}
