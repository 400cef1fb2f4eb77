package dev.waymark.benchmarks.steps;

import dev.waymark.Workflow;
import dev.waymark.annotations.Checkpoint;
import dev.waymark.annotations.CheckpointMode;
import dev.waymark.annotations.Step;

/**
 * The trivial step with its checkpoint turned off: its output is not stored (only the workflow's
 * output is), so a chain of them measures the engine without the storage.
 */
public final class Unstored {
  private Unstored() {}

  @Step
  @Checkpoint(CheckpointMode.FALSE)
  static int inc(int value) {
    return value + 1;
  }

  /** {@code inc(inc(...inc(0)))} with no output stored but the last. */
  public static Workflow<Integer> chain(int steps) {
    Workflow<Integer> chain = Workflow.of(0);
    for (int i = 0; i < steps; i++) {
      chain = UnstoredSteps.inc(chain);
    }
    return chain;
  }
}
