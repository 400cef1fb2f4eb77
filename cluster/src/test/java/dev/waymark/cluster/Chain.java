package dev.waymark.cluster;

import dev.waymark.StepContext;
import dev.waymark.Workflow;
import dev.waymark.annotations.Step;

/**
 * The workflow of the cluster's tests: a seed, two steps on it that may run at once, and a join.
 * Each step takes a while, so that a member killed at a random moment has steps in flight.
 */
final class Chain {
  private Chain() {}

  /** How long each step takes, in milliseconds. */
  static final long STEP_MILLIS = 40;

  /**
   * Where a step that another member lent this one says so ({@code LENT id task}) when it starts,
   * when set: such a step runs on a thread of the cluster's executor ({@code hz.} and its member's
   * name), not on one of the runtime's own or the caller's.
   */
  static volatile java.io.PrintStream lentLog;

  static Workflow<Long> of(int n) {
    Workflow<Integer> seed = ChainSteps.seed(n);
    return ChainSteps.join(ChainSteps.left(seed), ChainSteps.right(seed));
  }

  /** What {@link #of} returns. */
  static long expected(int n) {
    return (2L * n) * 1000 + (n + 7);
  }

  @Step
  static int seed(int n, StepContext context) {
    pause(context);
    return n;
  }

  @Step
  static int left(int x, StepContext context) {
    pause(context);
    return 2 * x;
  }

  @Step
  static int right(int x, StepContext context) {
    pause(context);
    return x + 7;
  }

  @Step
  static long join(int a, int b, StepContext context) {
    pause(context);
    return a * 1000L + b;
  }

  private static void pause(StepContext context) {
    java.io.PrintStream log = Thread.currentThread().getName().startsWith("hz.") ? lentLog : null;
    String step = context.workflowId() + " " + context.taskId();
    if (log != null) {
      log.println("LENT " + step);
    }
    try {
      Thread.sleep(STEP_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
