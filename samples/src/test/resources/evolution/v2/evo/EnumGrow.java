package evo;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;

public final class EnumGrow {
  public enum Color {
    RED,
    GREEN,
    BLUE
  }

  @Step
  static Color pick(int index) {
    return Color.values()[index];
  }

  @Step
  static String paint(Color color) throws InterruptedException {
    Gate.hold("EnumGrow");
    return "painted " + color;
  }

  static Workflow<String> workflow() {
    return EnumGrowSteps.paint(EnumGrowSteps.pick(1));
  }
}
