package dev.waymark.internal;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/** Steps for management tests, written the way the processor writes them. */
public final class ManagementSteps {
  static volatile CountDownLatch gate = new CountDownLatch(0);
  static final AtomicBoolean FIXED = new AtomicBoolean();
  static final AtomicInteger STARTED = new AtomicInteger();
  static final ReentrantLock LOCK = new ReentrantLock();

  /** Waits at the gate; then odd inputs fail until {@link #FIXED}. */
  static final StepDefinition<Integer> GATED =
      Definitions.define(
          "dev.waymark.internal.ManagementSteps#gated",
          "gated",
          1,
          args -> {
            STARTED.incrementAndGet();
            gate.await();
            int n = (Integer) args[0];
            if (n % 2 == 1 && !FIXED.get()) {
              throw new IllegalStateException("odd input " + n + " fails by design");
            }
            return n;
          });

  /** Holds {@link #LOCK} for a minute, unless interrupted. */
  static final StepDefinition<Integer> HOLD_LOCK =
      Definitions.define(
          "dev.waymark.internal.ManagementSteps#holdLock",
          "holdLock",
          0,
          args -> {
            LOCK.lock();
            try {
              STARTED.incrementAndGet();
              Thread.sleep(60_000);
              return 1;
            } finally {
              LOCK.unlock();
            }
          });

  /** Counts its runs, then sleeps for its input in milliseconds and returns it. */
  static final AtomicInteger NAPS = new AtomicInteger();

  static final StepDefinition<Integer> NAP =
      Definitions.define(
          "dev.waymark.internal.ManagementSteps#nap",
          "nap",
          1,
          args -> {
            NAPS.incrementAndGet();
            STARTED.incrementAndGet();
            Thread.sleep((Integer) args[0]);
            return (Integer) args[0];
          });

  private ManagementSteps() {}

  /** The module the processor would generate. */
  public static final class Module implements StepModule {
    @Override
    public List<StepDefinition<?>> steps() {
      return List.of(GATED, HOLD_LOCK, NAP);
    }

    @Override
    public void registerTypes(TypeRegistrar registrar) {}
  }
}
