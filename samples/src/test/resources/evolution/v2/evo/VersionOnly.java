package evo;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;

public final class VersionOnly {
  @Step
  static int first(int x) {
    return x + 1;
  }

  @Step(version = 2)
  static int second(long y) throws InterruptedException {
    Gate.hold("VersionOnly");
    return (int) y * 2;
  }
}
