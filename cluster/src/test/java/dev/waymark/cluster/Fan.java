package dev.waymark.cluster;

import dev.waymark.Checkpointer;
import dev.waymark.Result;
import dev.waymark.StepContext;
import dev.waymark.Workflow;
import dev.waymark.annotations.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Wide workflows of {@link SpreadTest}: many independent steps, each saying on which thread it ran
 * (a member runs a step lent to it on a thread of its cluster's executor).
 */
final class Fan {
  private Fan() {}

  /** Steps of {@link #blocked} that started, and those a cancel interrupted. */
  static final AtomicInteger STARTED = new AtomicInteger();

  static final AtomicInteger INTERRUPTED = new AtomicInteger();

  /** The attempts of {@link #once} so far, by input. */
  static final Map<Integer, Integer> ATTEMPTS = new ConcurrentHashMap<>();

  @Step
  static String where(int i) throws InterruptedException {
    Thread.sleep(40);
    return Thread.currentThread().getName() + " " + i;
  }

  @Step
  static String withState(int i, StepContext context) throws InterruptedException {
    Thread.sleep(40);
    context.checkpointer().load();
    return Thread.currentThread().getName() + " " + i;
  }

  /** Fails its first attempt; then says which attempt ran, and where. */
  @Step(retryExceptions = true, maxRetries = 2)
  static String once(int i, StepContext context) throws InterruptedException {
    Thread.sleep(40);
    if (ATTEMPTS.merge(i, 1, Integer::sum) == 1) {
      throw new IllegalStateException("first attempt of " + i);
    }
    return context.workflowId() + " " + context.taskId() + " " + context.attempt() + " " + i;
  }

  /** Fails for odd inputs, caught. */
  @Step(catchExceptions = true)
  static int even(int i) throws InterruptedException {
    Thread.sleep(40);
    if (i % 2 == 1) {
      throw new IllegalArgumentException("odd: " + i);
    }
    return i;
  }

  @Step
  static int blocked(int i) {
    STARTED.incrementAndGet();
    try {
      Thread.sleep(60_000);
    } catch (InterruptedException e) {
      INTERRUPTED.incrementAndGet();
      Thread.currentThread().interrupt();
    }
    return i;
  }

  /** Lets the steps of {@link #heldUp} that wait for it return. */
  static final CountDownLatch RELEASE = new CountDownLatch(1);

  /** Steps of {@link #passing} that returned. */
  static final AtomicInteger PASSED = new AtomicInteger();

  /** Saves state, so runs on its driver only; returns once the test lets it. */
  @Step
  static String holdsItsSlot(int i, Checkpointer<Integer> state) throws InterruptedException {
    RELEASE.await();
    return Thread.currentThread().getName() + " " + i;
  }

  @Step
  static String passing(int i) throws InterruptedException {
    Thread.sleep(40);
    PASSED.incrementAndGet();
    return Thread.currentThread().getName() + " " + i;
  }

  /** Two steps that take the driver's slots until {@link #RELEASE}, and {@code n - 2} others. */
  static Workflow<List<String>> heldUp(int n) {
    return wide(n, i -> i < 2 ? FanSteps.holdsItsSlot(i) : FanSteps.passing(i));
  }

  /** Whether {@link #killsItsLender} stopped a member already. */
  static final java.util.concurrent.atomic.AtomicBoolean KILLED =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Run by another member than its driver for the first time, stops that member dead, as a crash
   * would (it takes its member's name from its thread's: {@code hz.NAME.}); then never returns.
   * Else says which attempt it is.
   */
  @Step
  static String killsItsLender(int i, StepContext context) throws InterruptedException {
    Thread.sleep(40);
    String thread = Thread.currentThread().getName();
    if (thread.startsWith("hz.") && KILLED.compareAndSet(false, true)) {
      String name = thread.substring(3, thread.indexOf('.', 3));
      new Thread(
              () ->
                  com.hazelcast.core.Hazelcast.getHazelcastInstanceByName(name)
                      .getLifecycleService()
                      .terminate())
          .start();
      Thread.sleep(60_000);
    }
    return context.attempt() + " " + i;
  }

  static <T> Workflow<List<T>> wide(int n, IntFunction<Workflow<T>> part) {
    List<Workflow<T>> parts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      parts.add(part.apply(i));
    }
    return Workflow.all(parts);
  }

  static Workflow<List<Result<Integer>>> evens(int n) {
    return wide(n, i -> FanSteps.even(i));
  }
}
