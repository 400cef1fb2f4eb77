package dev.waymark.benchmarks.steps;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;

/**
 * A step that holds every workflow that reaches it while the gate is closed, so that a benchmark
 * can kill a JVM with many workflows in flight; open, it passes its input on.
 */
public final class Gate {
  private static volatile boolean closed;

  private Gate() {}

  @Step
  static int pass(int value) throws InterruptedException {
    while (closed) {
      Thread.sleep(Long.MAX_VALUE); // until the JVM is killed
    }
    return value;
  }

  public static void close() {
    closed = true;
  }

  /** The three-step pipeline behind the gate: nothing of it runs while the gate is closed. */
  public static Workflow<Integer> pipeline() {
    return PipelineSteps.aggregate(
        PipelineSteps.preprocessing(PipelineSteps.readData(GateSteps.pass(Pipeline.INPUT))));
  }
}
