package dev.waymark.benchmarks.steps;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** A wide DAG: {@code n} independent steps of about 1 ms each, then one step that sums them. */
public final class Wide {
  private Wide() {}

  /** About a millisecond of work that holds a thread, as a short call to another service would. */
  @Step
  public static int work(int i) {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
    while (System.nanoTime() < end) {
      LockSupport.parkNanos(end - System.nanoTime());
    }
    return i;
  }

  @Step
  public static long sum(List<Integer> parts) {
    long sum = 0;
    for (int part : parts) {
      sum += part;
    }
    return sum;
  }

  public static Workflow<Long> workflow(int n) {
    List<Workflow<Integer>> parts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      parts.add(WideSteps.work(i));
    }
    return WideSteps.sum(Workflow.all(parts));
  }

  /** What {@link #workflow} returns. */
  public static long expected(int n) {
    return (long) n * (n - 1) / 2;
  }
}
