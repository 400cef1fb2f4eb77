package dev.waymark.benchmarks.steps;

import dev.waymark.Checkpointer;
import dev.waymark.Workflow;
import dev.waymark.annotations.Step;

/** A step that saves its intra-step state asynchronously on every iteration of a loop. */
public final class AsyncState {
  private AsyncState() {}

  /** {@code n} asynchronous saves, then returns what a load sees: the last one, {@code n}. */
  @Step
  static int saveAsyncLoop(int n, Checkpointer<Integer> checkpoint) {
    for (int i = 1; i <= n; i++) {
      checkpoint.saveAsync(i);
    }
    return checkpoint.load().orElse(-1);
  }

  /** The workflow of one step doing {@code n} asynchronous saves. */
  public static Workflow<Integer> loop(int n) {
    return AsyncStateSteps.saveAsyncLoop(n);
  }
}
