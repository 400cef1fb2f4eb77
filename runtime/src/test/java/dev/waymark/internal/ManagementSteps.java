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

  /** The threads {@link #WHERE} ran on, in order. */
  static final List<Thread> RAN_ON = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Notes the thread it runs on and returns its input plus one. */
  static final StepDefinition<Integer> WHERE =
      Definitions.define(
          "dev.waymark.internal.ManagementSteps#where",
          "where",
          1,
          args -> {
            RAN_ON.add(Thread.currentThread());
            return (Integer) args[0] + 1;
          });

  /** Set to let {@link #STUBBORN} return. */
  static final AtomicBoolean RELEASE = new AtomicBoolean();

  /** Set by {@link #STUBBORN} once it sees its interrupt. */
  static final AtomicBoolean SAW_INTERRUPT = new AtomicBoolean();

  /** Ignores interrupts: returns 1 once {@link #RELEASE} is set, with its interrupt still set. */
  static final StepDefinition<Integer> STUBBORN =
      Definitions.define(
          "dev.waymark.internal.ManagementSteps#stubborn",
          "stubborn",
          0,
          args -> {
            STARTED.incrementAndGet();
            while (!RELEASE.get()) {
              if (Thread.currentThread().isInterrupted()) {
                SAW_INTERRUPT.set(true);
              }
              Thread.onSpinWait();
            }
            return 1;
          });

  private ManagementSteps() {}

  /** The module the processor would generate. */
  public static final class Module implements StepModule {
    @Override
    public List<StepDefinition<?>> steps() {
      return List.of(GATED, HOLD_LOCK, NAP, WHERE, STUBBORN);
    }

    @Override
    public void registerTypes(TypeRegistrar registrar) {}
  }
}
