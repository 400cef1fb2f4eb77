package dev.waymark.benchmarks.steps;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;

/**
 * A chain of committed steps followed by one step that does not commit on its first run, so that a
 * resume has exactly one step to run. That step records when its body starts.
 */
public final class ResumeChain {
  /** What {@code last} does when its body runs. */
  public enum Mode {
    /** Throws: the workflow fails and the process closes the storage cleanly. */
    FAIL,
    /** Prints {@link #READY} and blocks, so the parent can kill the JVM with the workflow open. */
    HANG,
    /** Returns: the resume this is measuring. */
    RUN
  }

  public static final String READY = "last step running: ready to be killed";

  private static volatile Mode mode = Mode.RUN;
  private static volatile long startedAt;

  private ResumeChain() {}

  @Step
  static int last(int value) throws InterruptedException {
    startedAt = System.nanoTime();
    switch (mode) {
      case FAIL -> throw new IllegalStateException("the last step fails on its first run");
      case HANG -> {
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
      }
      case RUN -> {}
    }
    return value + 1;
  }

  public static void mode(Mode value) {
    mode = value;
  }

  /** {@link System#nanoTime()} when the body of {@code last} last started. */
  public static long startedAt() {
    return startedAt;
  }

  /** {@code committed} trivial steps, then {@code last}; its result is {@code committed + 1}. */
  public static Workflow<Integer> workflow(int committed) {
    return ResumeChainSteps.last(Trivial.chain(committed));
  }
}
