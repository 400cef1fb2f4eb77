package evo;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;

public final class EnumShrink {
  public enum Color {
    RED,
    GREEN
  }

  @Step
  static Color pick(int index) {
    return Color.values()[index];
  }

  @Step
  static String paint(Color color) throws InterruptedException {
    Gate.hold("EnumShrink");
    return "painted " + color;
  }

  static Workflow<String> workflow() {
    return EnumShrinkSteps.paint(EnumShrinkSteps.pick(1));
  }
}
