package dev.waymark.benchmarks.steps;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;
import java.util.ArrayList;
import java.util.List;

/** The trivial steps of the chain and wide benchmarks: as little work per step as possible. */
public final class Trivial {
  private Trivial() {}

  @Step
  static int inc(int value) {
    return value + 1;
  }

  @Step
  static int sum(List<Integer> values) {
    int total = 0;
    for (int value : values) {
      total += value;
    }
    return total;
  }

  /** {@code inc(inc(...inc(0)))}: a chain of {@code steps} steps whose result is {@code steps}. */
  public static Workflow<Integer> chain(int steps) {
    Workflow<Integer> chain = Workflow.of(0);
    for (int i = 0; i < steps; i++) {
      chain = TrivialSteps.inc(chain);
    }
    return chain;
  }

  /**
   * {@code sum(all(inc(0), inc(1), ...))}: {@code width} independent steps fanned into one; the
   * result is {@code width * (width + 1) / 2} (mod 2^32).
   */
  public static Workflow<Integer> wide(int width) {
    List<Workflow<Integer>> parts = new ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      parts.add(TrivialSteps.inc(i));
    }
    return TrivialSteps.sum(Workflow.all(parts));
  }
}
