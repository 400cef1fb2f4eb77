package dev.waymark.benchmarks.steps;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;

/**
 * Recursion as continuations, factorial-style: each level returns the workflow of the level below
 * and an addition that waits for it (a sum, not a product, so that the result can be checked).
 */
public final class Recursive {
  private Recursive() {}

  /** 1 + 2 + ... + n, one continuation level per term. */
  @Step
  static Workflow<Long> sum(long n) {
    if (n <= 1) {
      return Workflow.of(n);
    }
    return RecursiveSteps.add(Workflow.of(n), RecursiveSteps.sum(n - 1));
  }

  @Step
  static long add(long a, long b) {
    return a + b;
  }

  /** The workflow of {@link #sum}. */
  public static Workflow<Long> levels(long n) {
    return RecursiveSteps.sum(n);
  }
}
