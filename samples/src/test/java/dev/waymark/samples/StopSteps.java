package dev.waymark.samples;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Steps for the graceful-stop tests: one that finishes within the stop's grace period, one that
 * waits until a marker file exists (it is interrupted by the stop), and one after each.
 */
public final class StopSteps {
  static final AtomicInteger PAUSES = new AtomicInteger();
  static final AtomicInteger HOLDS = new AtomicInteger();
  static final AtomicInteger STARTED = new AtomicInteger();

  private StopSteps() {}

  @Step
  static int pause(int millis) throws InterruptedException {
    PAUSES.incrementAndGet();
    started("pause");
    Thread.sleep(millis);
    return millis;
  }

  /** No retries: a cut attempt that counted as a failed one would end the workflow. */
  @Step(maxRetries = 0)
  static int hold(int x) throws InterruptedException {
    HOLDS.incrementAndGet();
    started("hold");
    Path marker = Path.of(System.getProperty("stop.marker"));
    while (!Files.exists(marker)) {
      Thread.sleep(20);
    }
    return x;
  }

  @Step
  static int plus(int x) {
    System.out.println("RAN plus " + x);
    return x + 1;
  }

  private static void started(String step) {
    System.out.println("STARTED " + step);
    STARTED.incrementAndGet();
  }

  static Workflow<Integer> quick() {
    return StopStepsSteps.plus(StopStepsSteps.pause(1500));
  }

  static Workflow<Integer> held() {
    return StopStepsSteps.plus(StopStepsSteps.hold(7));
  }
}
