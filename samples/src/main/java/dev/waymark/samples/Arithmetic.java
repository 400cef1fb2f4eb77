package dev.waymark.samples;

import dev.waymark.annotations.Step;

/** Two steps composed: {@code add(getVal(), 20)}. */
public final class Arithmetic {
  private Arithmetic() {}

  @Step
  static int add(int left, int right) {
    return left + right;
  }

  @Step
  static int getVal() {
    return 10;
  }
}
