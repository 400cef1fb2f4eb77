package dev.waymark.internal;

import dev.waymark.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Steps written the way the processor writes them, so the runtime is tested on its own. Counts
 * every execution, by step name.
 */
public final class TestSteps {
  static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();

  static final StepDefinition<Integer> INC =
      Definitions.define(
          "dev.waymark.internal.TestSteps#inc",
          "inc",
          1,
          args -> {
            count("inc");
            return (Integer) args[0] + 1;
          });
  static final StepDefinition<Integer> ADD =
      Definitions.define(
          "dev.waymark.internal.TestSteps#add",
          "add",
          2,
          args -> {
            count("add");
            return (Integer) args[0] + (Integer) args[1];
          });
  static final StepDefinition<Integer> FAIL =
      Definitions.define(
          "dev.waymark.internal.TestSteps#fail",
          "fail",
          1,
          args -> {
            count("fail");
            throw new IllegalStateException("boom " + args[0]);
          });
  static final StepDefinition<byte[]> BYTES =
      Definitions.define(
          "dev.waymark.internal.TestSteps#bytes",
          "bytes",
          1,
          args -> {
            count("bytes");
            byte[] bytes = new byte[(Integer) args[0]];
            for (int i = 0; i < bytes.length; i++) {
              bytes[i] = (byte) i;
            }
            return bytes;
          });

  @SuppressWarnings("unchecked")
  static final StepDefinition<Integer> SUM =
      Definitions.define(
          "dev.waymark.internal.TestSteps#sum",
          "sum",
          1,
          args -> {
            count("sum");
            int sum = 0;
            for (Integer i : (List<Integer>) args[0]) {
              sum += i;
            }
            return sum;
          });

  @SuppressWarnings("unchecked")
  static final StepDefinition<List<Integer>> APPEND =
      Definitions.define(
          "dev.waymark.internal.TestSteps#append",
          "append",
          1,
          args -> {
            count("append");
            List<Integer> list = (List<Integer>) args[0];
            list.add(list.size());
            return list;
          });

  /** Two tasks of this step only get past it if they run at the same time. */
  static volatile java.util.concurrent.CyclicBarrier barrier;

  static final StepDefinition<Integer> MEET =
      Definitions.define(
          "dev.waymark.internal.TestSteps#meet",
          "meet",
          1,
          args -> {
            count("meet");
            barrier.await(10, java.util.concurrent.TimeUnit.SECONDS);
            return (Integer) args[0];
          });

  /** Opened by a test; {@link #GATED_FAIL} fails once it is open. */
  static volatile java.util.concurrent.CountDownLatch gate =
      new java.util.concurrent.CountDownLatch(1);

  static final StepDefinition<Integer> GATED_FAIL =
      Definitions.define(
          "dev.waymark.internal.TestSteps#gatedFail",
          "gatedFail",
          1,
          args -> {
            gate.await(30, java.util.concurrent.TimeUnit.SECONDS);
            Thread.sleep(100); // lets whatever opened the gate go on a little
            throw new IllegalStateException("gated failure " + args[0]);
          });

  static final StepDefinition<Integer> LENGTH =
      Definitions.define(
          "dev.waymark.internal.TestSteps#length",
          "length",
          1,
          args -> {
            count("length");
            return ((byte[]) args[0]).length;
          });

  /** Counts calls of {@code flaky}; it fails while the count is below its argument. */
  static final java.util.concurrent.atomic.AtomicInteger FLAKY_CALLS =
      new java.util.concurrent.atomic.AtomicInteger();

  static final StepDefinition<Integer> FLAKY =
      Definitions.define(
          "dev.waymark.internal.TestSteps#flaky",
          "flaky",
          1,
          args -> {
            count("flaky");
            int calls = FLAKY_CALLS.getAndIncrement();
            if (calls < (Integer) args[0]) {
              throw new IllegalStateException("failure #" + calls);
            }
            return calls;
          });

  /** Records when it ran: [start, end] in nanoseconds. */
  static final java.util.List<long[]> SPANS = new java.util.concurrent.CopyOnWriteArrayList<>();

  static final StepDefinition<Integer> BUSY =
      Definitions.define(
          "dev.waymark.internal.TestSteps#busy",
          "busy",
          1,
          args -> {
            long start = System.nanoTime();
            Thread.sleep(100);
            SPANS.add(new long[] {start, System.nanoTime()});
            return (Integer) args[0];
          },
          dev.waymark.StepOptions.builder().cpus(1).metadata("kind", "busy").build());

  /** Where {@code noted} notes that it ran ("run"), when set. */
  static volatile List<String> events;

  static final StepDefinition<Integer> NOTED =
      Definitions.define(
          "dev.waymark.internal.TestSteps#noted",
          "noted",
          1,
          args -> {
            List<String> noted = events;
            if (noted != null) {
              noted.add("run");
            }
            return (Integer) args[0] + 1;
          });

  private TestSteps() {}

  static Workflow<Integer> noted(Workflow<? extends Integer> x) {
    return NOTED.call(x);
  }

  static Workflow<Integer> flaky(int failures) {
    return FLAKY.call(Workflow.of(failures));
  }

  static Workflow<Integer> busy(int x) {
    return BUSY.call(Workflow.of(x));
  }

  static Workflow<Integer> length(Workflow<byte[]> bytes) {
    return LENGTH.call(bytes);
  }

  static Workflow<Integer> meet(int x) {
    return MEET.call(Workflow.of(x));
  }

  private static void count(String step) {
    RUNS.computeIfAbsent(step, k -> new AtomicInteger()).incrementAndGet();
  }

  static int runs(String step) {
    AtomicInteger count = RUNS.get(step);
    return count == null ? 0 : count.get();
  }

  static Workflow<Integer> inc(Workflow<? extends Integer> x) {
    return INC.call(x);
  }

  static Workflow<Integer> add(Workflow<? extends Integer> a, Workflow<? extends Integer> b) {
    return ADD.call(a, b);
  }

  static Workflow<Integer> gatedFail(int x) {
    return GATED_FAIL.call(Workflow.of(x));
  }

  static Workflow<Integer> fail(Workflow<? extends Integer> x) {
    return FAIL.call(x);
  }

  static Workflow<byte[]> bytes(int size) {
    return BYTES.call(Workflow.of(size));
  }

  static Workflow<Integer> sum(Workflow<? extends List<Integer>> xs) {
    return SUM.call(xs);
  }

  static Workflow<List<Integer>> append(Workflow<? extends List<Integer>> xs) {
    return APPEND.call(xs);
  }

  /** The module the processor would generate for these steps. */
  public static final class Module implements StepModule {
    @Override
    public List<StepDefinition<?>> steps() {
      return List.of(
          INC, ADD, FAIL, BYTES, SUM, APPEND, MEET, LENGTH, FLAKY, BUSY, NOTED, GATED_FAIL);
    }

    @Override
    public void registerTypes(TypeRegistrar registrar) {
      registrar.register(ArrayList.class);
    }
  }
}
