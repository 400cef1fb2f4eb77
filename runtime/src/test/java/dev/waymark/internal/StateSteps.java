package dev.waymark.internal;

import dev.waymark.Checkpointer;
import dev.waymark.StepContext;
import dev.waymark.StepOptions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Long steps that save their progress, written the way the processor writes them. */
public final class StateSteps {
  /** Loop iterations executed, across all attempts. */
  static final AtomicInteger ITERATIONS = new AtomicInteger();

  static final AtomicInteger ATTEMPTS = new AtomicInteger();

  /**
   * The seed's use_checkpoint: n iterations; the attempt fails (recoverably) every n / 3 iterations
   * it runs; the saved index lets the next attempt go on.
   */
  static final StepDefinition<Integer> LOOP =
      Definitions.define(
          "dev.waymark.internal.StateSteps#loop",
          "loop",
          1,
          args -> {
            int n = (Integer) args[0];
            Checkpointer<Integer> checkpoint = StepContext.current().checkpointer();
            int start = checkpoint.load().orElse(0);
            int failAt = start + n / 3;
            for (int i = start; i < n; i++) {
              if (i == failAt && i != 0) {
                throw new IllegalStateException("recoverable failure at iteration " + i);
              }
              ITERATIONS.incrementAndGet();
              checkpoint.save(i + 1);
            }
            return n;
          },
          StepOptions.builder().maxRetries(3).retryExceptions(true).build());

  /** Attempt 1 saves 1 to 5 and fails for good; a resumed attempt returns what it loads. */
  static final StepDefinition<Integer> SAVES_FIVE =
      Definitions.define(
          "dev.waymark.internal.StateSteps#savesFive",
          "savesFive",
          0,
          args -> {
            Checkpointer<Integer> checkpoint = StepContext.current().checkpointer();
            if (ATTEMPTS.incrementAndGet() == 1) {
              for (int i = 1; i <= 5; i++) {
                checkpoint.save(i);
              }
              throw new IllegalStateException("stops after saving 5");
            }
            return checkpoint.load().orElse(-1);
          });

  /**
   * Attempt 1 saves 41 and fails; attempt 2 fails before saving anything; attempt 3 returns what it
   * loads.
   */
  static final StepDefinition<Integer> DIES_BEFORE_SAVING =
      Definitions.define(
          "dev.waymark.internal.StateSteps#diesBeforeSaving",
          "diesBeforeSaving",
          0,
          args -> {
            int attempt = ATTEMPTS.incrementAndGet();
            Checkpointer<Integer> checkpoint = StepContext.current().checkpointer();
            if (attempt == 1) {
              checkpoint.save(41);
              throw new IllegalStateException("first attempt fails after saving");
            }
            if (attempt == 2) {
              throw new IllegalStateException("second attempt fails before saving");
            }
            return checkpoint.load().orElse(-1);
          },
          StepOptions.builder().maxRetries(3).retryExceptions(true).build());

  /**
   * 100,000 asynchronous saves, then a failure on the first attempt; returns what attempt 2 loads.
   */
  static final StepDefinition<Integer> ASYNC =
      Definitions.define(
          "dev.waymark.internal.StateSteps#async",
          "async",
          1,
          args -> {
            int n = (Integer) args[0];
            Checkpointer<Integer> checkpoint = StepContext.current().checkpointer();
            if (StepContext.current().attempt() == 1) {
              for (int i = 1; i <= n; i++) {
                checkpoint.saveAsync(i);
              }
              throw new IllegalStateException("fails with writes pending");
            }
            return checkpoint.load().orElse(-1);
          },
          StepOptions.builder().maxRetries(1).retryExceptions(true).build());

  /** Saves a large state, fails once, and returns the size of what the retry loads. */
  static final StepDefinition<Integer> LARGE =
      Definitions.define(
          "dev.waymark.internal.StateSteps#large",
          "large",
          1,
          args -> {
            Checkpointer<byte[]> checkpoint = StepContext.current().checkpointer();
            if (StepContext.current().attempt() == 1) {
              byte[] state = new byte[(Integer) args[0]];
              state[state.length - 1] = 7;
              checkpoint.save(state);
              throw new IllegalStateException("fails after a large save");
            }
            byte[] loaded = checkpoint.load().orElseThrow();
            return loaded[loaded.length - 1] == 7 ? loaded.length : -1;
          },
          StepOptions.builder().maxRetries(1).retryExceptions(true).build());

  /** Reports its context. */
  static final StepDefinition<String> WHO =
      Definitions.define(
          "dev.waymark.internal.StateSteps#who",
          "who",
          0,
          args -> {
            StepContext context = StepContext.current();
            return context.idempotencyKey() + "@" + context.attempt();
          });

  private StateSteps() {}

  /** The module the processor would generate. */
  public static final class Module implements StepModule {
    @Override
    public List<StepDefinition<?>> steps() {
      return List.of(LOOP, DIES_BEFORE_SAVING, ASYNC, LARGE, WHO, SAVES_FIVE);
    }

    @Override
    public void registerTypes(TypeRegistrar registrar) {}
  }
}
