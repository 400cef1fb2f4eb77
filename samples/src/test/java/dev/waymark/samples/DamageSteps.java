package dev.waymark.samples;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A chain of seven steps for the damage trials: {@code start}, then {@code add(1)} to {@code
 * add(6)}. Counts its executions by step, and holds step {@code damage.holdAt} forever when that
 * property is set, so that a test can kill the JVM with exactly the steps before it committed.
 */
public final class DamageSteps {
  /** What the chain carries: a record, so that stored values go through a generated serializer. */
  public record Tally(String label, int total) {}

  static final AtomicIntegerArray RUNS = new AtomicIntegerArray(7);

  private DamageSteps() {}

  @Step
  static Tally start(String label) throws InterruptedException {
    ran(0);
    return new Tally(label, 1);
  }

  @Step
  static Tally add(Tally tally, int n) throws InterruptedException {
    ran(n);
    return new Tally(tally.label(), tally.total() + n);
  }

  private static void ran(int step) throws InterruptedException {
    RUNS.incrementAndGet(step);
    if (Integer.getInteger("damage.holdAt", -1) == step) {
      System.out.println("HELD " + step);
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  static Workflow<Tally> chain(String label) {
    Workflow<Tally> tally = DamageStepsSteps.start(label);
    for (int n = 1; n <= 6; n++) {
      tally = DamageStepsSteps.add(tally, Workflow.of(n));
    }
    return tally;
  }

  /** The result of {@link #chain}: 1 + 1 + 2 + ... + 6. */
  static Tally expected(String label) {
    return new Tally(label, 22);
  }
}
