package dev.waymark.samples;

import dev.waymark.StepOptions;
import dev.waymark.Workflow;
import dev.waymark.annotations.CheckpointMode;
import dev.waymark.annotations.Step;

/**
 * Recursion as continuations: each level returns the workflow of the next. Neither grows the Java
 * stack, however deep.
 */
public final class Recursion {
  private Recursion() {}

  /** factorial(n) = n * factorial(n - 1): the multiplication waits for the level below. */
  @Step
  static Workflow<Long> factorial(long n) {
    if (n <= 1) {
      return Workflow.of(1L);
    }
    return RecursionSteps.multiply(Workflow.of(n), RecursionSteps.factorial(n - 1));
  }

  @Step
  static long multiply(long a, long b) {
    return a * b;
  }

  /**
   * The seed's periodic checkpointing: doubles every element n times, one level per step, and
   * stores a level's DAG only every tenth level; {@code dependency} stands for work a level depends
   * on, and inherits the level's mode.
   */
  @Step
  static Workflow<long[]> exp(long[] array, int n, int dependency) {
    if (n == 0) {
      return Workflow.of(array);
    }
    long[] doubled = new long[array.length];
    for (int i = 0; i < array.length; i++) {
      doubled[i] = array[i] * 2;
    }
    CheckpointMode mode = n % 10 == 0 ? CheckpointMode.TRUE : CheckpointMode.FALSE;
    Workflow<Integer> dep = RecursionSteps.foo(n);
    return RecursionSteps.exp(Workflow.of(doubled), Workflow.of(n - 1), dep)
        .options(StepOptions.builder().checkpoint(mode).build());
  }

  @Step
  static int foo(int n) {
    return n;
  }
}
