package dev.waymark.internal;

import dev.waymark.StepOptions;
import dev.waymark.Workflow;
import dev.waymark.annotations.CheckpointMode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Continuation steps written the way the processor writes them (ports of Ray's basic workflow
 * tests), so the engine's continuations are tested on their own. Counts executions by step name.
 */
public final class ContinuationSteps {
  static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

  static final StepDefinition<String> SOURCE1 = step("source1", 0, args -> "[source1]");
  static final StepDefinition<String> APPEND1 = step("append1", 1, args -> args[0] + "[append1]");
  static final StepDefinition<String> APPEND2 = step("append2", 1, args -> args[0] + "[append2]");
  static final StepDefinition<String> NESTED_STEP =
      step("nestedStep", 1, args -> args[0] + "~[nested]~");
  static final StepDefinition<String> JOIN =
      step("join", 2, args -> "join(" + args[0] + ", " + args[1] + ")");

  static final StepDefinition<String> SIMPLE_SEQUENTIAL =
      step(
          "simpleSequential",
          0,
          args ->
              ContinuationSteps.APPEND2.call(
                  ContinuationSteps.APPEND1.call(ContinuationSteps.SOURCE1.call())));
  static final StepDefinition<String> WITH_INPUT =
      step(
          "withInput",
          1,
          args ->
              ContinuationSteps.APPEND2.call(ContinuationSteps.APPEND1.call(Workflow.of(args[0]))));
  static final StepDefinition<String> LOOP =
      step(
          "loop",
          1,
          args -> {
            Workflow<String> x = ContinuationSteps.SOURCE1.call();
            for (int i = 0; i < (Integer) args[0]; i++) {
              x = ContinuationSteps.APPEND1.call(x);
            }
            return ContinuationSteps.APPEND2.call(x);
          });
  static final StepDefinition<String> NESTED =
      step(
          "nested",
          1,
          args ->
              ContinuationSteps.APPEND2.call(
                  ContinuationSteps.APPEND1.call(
                      ContinuationSteps.NESTED_STEP.call(Workflow.of(args[0])))));
  static final StepDefinition<String> FORK_JOIN =
      step(
          "forkJoin",
          0,
          args -> {
            Workflow<String> c = ContinuationSteps.SOURCE1.call();
            return ContinuationSteps.JOIN.call(
                ContinuationSteps.APPEND1.call(c), ContinuationSteps.APPEND2.call(c));
          });

  static final StepDefinition<Long> MUL = step("mul", 2, args -> (Long) args[0] * (Long) args[1]);
  static final StepDefinition<Long> FACTORIAL =
      step(
          "factorial",
          1,
          args -> {
            long n = (Long) args[0];
            return n <= 1
                ? Workflow.of(1L)
                : ContinuationSteps.MUL.call(
                    Workflow.of(n), ContinuationSteps.FACTORIAL.call(Workflow.of(n - 1)));
          });

  static final StepDefinition<Integer> INC = step("inc", 1, args -> (Integer) args[0] + 1);

  /** count(n) = inc(count(n - 1)), count(0) = 0: n levels of continuations. */
  static final StepDefinition<Integer> COUNT =
      step(
          "count",
          1,
          args -> {
            int n = (Integer) args[0];
            return n == 0
                ? Workflow.of(0)
                : ContinuationSteps.INC.call(ContinuationSteps.COUNT.call(Workflow.of(n - 1)));
          });

  /** Tail recursion: down(n) = down(n - 1), down(0) = "bottom". */
  static final StepDefinition<String> DOWN =
      step(
          "down",
          1,
          args -> {
            int n = (Integer) args[0];
            return n == 0 ? "bottom" : ContinuationSteps.DOWN.call(Workflow.of(n - 1));
          });

  static final StepDefinition<Integer> FOO = step("foo", 1, args -> (Integer) args[0]);

  /**
   * The seed's periodic checkpointing: exp(x, n) continues with exp(2x, n - 1), checkpointed only
   * when n is a multiple of 10; foo is a dependence that inherits.
   */
  static final StepDefinition<Long> EXP =
      step(
          "exp",
          3,
          args -> {
            long x = (Long) args[0];
            int n = (Integer) args[1];
            if (ContinuationSteps.FAIL_AT_LEVEL.compareAndSet(n, -1)) {
              throw new IllegalStateException("level " + n + " fails once");
            }
            if (n == 0) {
              return x;
            }
            CheckpointMode mode = n % 10 == 0 ? CheckpointMode.TRUE : CheckpointMode.FALSE;
            Workflow<Integer> dep = ContinuationSteps.FOO.call(Workflow.of(n));
            return ContinuationSteps.EXP
                .call(Workflow.of(x * 2), Workflow.of(n - 1), dep)
                .options(StepOptions.builder().checkpoint(mode).build());
          });

  /** A parent whose continuation asks for TRUE on a step that is not its output. */
  static final StepDefinition<String> USELESS_CHECKPOINT =
      step(
          "uselessCheckpoint",
          0,
          args ->
              ContinuationSteps.APPEND1.call(
                  ContinuationSteps.SOURCE1
                      .call()
                      .options(StepOptions.builder().checkpoint(CheckpointMode.TRUE).build())));

  /** A parent whose continuation's output step is TRUE and the rest inherits. */
  static final StepDefinition<String> STORED_OUTPUT_ONLY =
      step(
          "storedOutputOnly",
          0,
          args ->
              ContinuationSteps.APPEND1
                  .call(ContinuationSteps.SOURCE1.call())
                  .options(StepOptions.builder().checkpoint(CheckpointMode.TRUE).build()));

  static final StepDefinition<String> THROW =
      step(
          "throw",
          1,
          args -> {
            throw new IllegalArgumentException("thrown inside: " + args[0]);
          });

  /** A continuation whose inner step throws. */
  static final StepDefinition<String> FAILING_INSIDE =
      step(
          "failingInside",
          0,
          args ->
              ContinuationSteps.APPEND1.call(ContinuationSteps.THROW.call(Workflow.of("deep"))));

  /** The level of {@link #EXP} that fails once, or -1. */
  static final AtomicInteger FAIL_AT_LEVEL = new AtomicInteger(-1);

  /** Throws on its first call after {@link #FAIL_NEXT} was set, then passes its input through. */
  static final java.util.concurrent.atomic.AtomicBoolean FAIL_NEXT =
      new java.util.concurrent.atomic.AtomicBoolean();

  static final StepDefinition<String> FAIL_ONCE =
      step(
          "failOnce",
          1,
          args -> {
            if (FAIL_NEXT.getAndSet(false)) {
              throw new IllegalStateException("failing once");
            }
            return args[0];
          });

  /** A continuation that waits for the mailbox event "word", a String. */
  static final StepDefinition<String> WAIT_INSIDE =
      step(
          "waitInside",
          0,
          args -> ContinuationSteps.APPEND1.call(Workflow.waitForEvent("word", String.class)));

  /** A continuation whose output step fails once (see {@link #FAIL_NEXT}). */
  static final StepDefinition<String> FLAKY_INSIDE =
      step(
          "flakyInside",
          0,
          args ->
              ContinuationSteps.FAIL_ONCE.call(
                  ContinuationSteps.APPEND1.call(ContinuationSteps.SOURCE1.call())));

  /** A stored parent whose continuation skips the checkpoint of a step that is not its output. */
  static final StepDefinition<String> SKIP_INSIDE =
      step(
          "skipInside",
          0,
          args ->
              ContinuationSteps.APPEND1.call(
                  ContinuationSteps.SOURCE1
                      .call()
                      .options(StepOptions.builder().checkpoint(CheckpointMode.FALSE).build())));

  static final StepDefinition<String> SLOW =
      step(
          "slow",
          1,
          args -> {
            Thread.sleep(300);
            return args[0] + "[slow]";
          });

  /** A continuation whose first step fails once (see {@link #FAIL_NEXT}) and whose last is slow. */
  static final StepDefinition<String> FAIL_THEN_SLOW =
      step(
          "failThenSlow",
          1,
          args ->
              ContinuationSteps.SLOW.call(ContinuationSteps.FAIL_ONCE.call(Workflow.of(args[0]))));

  private ContinuationSteps() {}

  private static <T> StepDefinition<T> step(String name, int arity, StepInvoker invoker) {
    return Definitions.define(
        "dev.waymark.internal.ContinuationSteps#" + name,
        name,
        arity,
        args -> {
          RUNS.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
          return invoker.invoke(args);
        },
        StepOptions.builder().build());
  }

  static int runs(String step) {
    AtomicInteger count = RUNS.get(step);
    return count == null ? 0 : count.get();
  }

  /** The module the processor would generate. */
  public static final class Module implements StepModule {
    @Override
    public List<StepDefinition<?>> steps() {
      return List.of(
          SOURCE1,
          APPEND1,
          APPEND2,
          NESTED_STEP,
          JOIN,
          SIMPLE_SEQUENTIAL,
          WITH_INPUT,
          LOOP,
          NESTED,
          FORK_JOIN,
          MUL,
          FACTORIAL,
          INC,
          COUNT,
          DOWN,
          FOO,
          EXP,
          FLAKY_INSIDE,
          WAIT_INSIDE,
          USELESS_CHECKPOINT,
          STORED_OUTPUT_ONLY,
          THROW,
          FAILING_INSIDE,
          FAIL_ONCE,
          SKIP_INSIDE,
          SLOW,
          FAIL_THEN_SLOW);
    }

    @Override
    public void registerTypes(TypeRegistrar registrar) {}
  }
}
