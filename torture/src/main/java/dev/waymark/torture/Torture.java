package dev.waymark.torture;

import dev.waymark.Checkpointer;
import dev.waymark.RecordedException;
import dev.waymark.Result;
import dev.waymark.StepContext;
import dev.waymark.Workflow;
import dev.waymark.annotations.Checkpoint;
import dev.waymark.annotations.CheckpointMode;
import dev.waymark.annotations.Step;
import java.util.List;
import java.util.Optional;

/**
 * The steps of the torture workflow. Every step takes the seed and its node id, looks its node up
 * in the seed's {@link Shape}, checks that each input is the value its producer must have produced
 * (else it logs {@code BAD} and fails), and logs what it does to the {@link EventLog}:
 *
 * <pre>
 * START  task attempt      when the body begins
 * END    task value        before it returns (a continuation: dag:OUTPUT_TASK)
 * FAIL   task attempt msg  before it throws (planned failures)
 * ITER   task i            a loop iteration begins; save(i) follows
 * SAVED  task i            save(i) returned
 * LOADED task i|none       what load() returned
 * BAD    task detail       a read value is not one that was written
 * RENAMED task node        the runtime runs node as task (it was given taskId(node))
 * </pre>
 */
public final class Torture {
  /** Generous: random kills count as failed attempts and must never exhaust the retries. */
  public static final int MAX_RETRIES = 40;

  private static volatile EventLog log;

  private Torture() {}

  /** Where the steps of this JVM log; null to stop logging (steps then fail). */
  public static void logTo(EventLog target) {
    log = target;
  }

  @Step(maxRetries = MAX_RETRIES)
  static long leaf(long seed, String node) throws InterruptedException {
    Call call = Call.begin(seed, node, Shape.Kind.LEAF);
    return call.end(Shape.hash(seed, node));
  }

  @Step(maxRetries = MAX_RETRIES)
  static long mix(long seed, String node, long in) throws InterruptedException {
    Call call = Call.begin(seed, node, Shape.Kind.MIX);
    call.expect(0, in);
    return call.end(Shape.hash(seed, node, in));
  }

  @Step(maxRetries = MAX_RETRIES)
  @Checkpoint(CheckpointMode.FALSE)
  static long unstored(long seed, String node, long in) throws InterruptedException {
    Call call = Call.begin(seed, node, Shape.Kind.UNSTORED);
    call.expect(0, in);
    return call.end(Shape.hash(seed, node, in));
  }

  @Step(maxRetries = MAX_RETRIES)
  static long combine(long seed, String node, List<Long> in) throws InterruptedException {
    Call call = Call.begin(seed, node, Shape.Kind.COMBINE);
    if (in.size() != call.node.inputs().size()) {
      throw call.bad("fan-in of " + in.size() + " values, expected " + call.node.inputs().size());
    }
    long[] values = new long[in.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = call.expect(i, in.get(i));
    }
    return call.end(Shape.hash(seed, node, values));
  }

  /** Throws a recoverable exception on its first {@code param} attempts. */
  @Step(maxRetries = MAX_RETRIES, retryExceptions = true)
  static long flaky(long seed, String node, long in) throws InterruptedException {
    Call call = Call.begin(seed, node, Shape.Kind.FLAKY);
    call.expect(0, in);
    if (call.attempt <= call.node.param()) {
      call.fail("planned failure " + call.attempt + " of " + call.node.param());
      throw new PlannedFailure(node + " attempt " + call.attempt);
    }
    return call.end(Shape.hash(seed, node, in));
  }

  /** Always fails, at its first attempt (its exceptions are not retried); callers catch it. */
  @Step(maxRetries = MAX_RETRIES)
  static long doomed(long seed, String node) throws InterruptedException {
    Call call = Call.begin(seed, node, Shape.Kind.DOOMED);
    call.work();
    call.fail("doomed");
    throw new IllegalStateException(Shape.doomedMessage(node));
  }

  /** Takes the caught failure of a DOOMED task. */
  @Step(maxRetries = MAX_RETRIES)
  static long handle(long seed, String node, Result<Long> outcome) throws InterruptedException {
    Call call = Call.begin(seed, node, Shape.Kind.HANDLE);
    String doomed = call.node.inputs().get(0);
    if (outcome.isSuccess()) {
      throw call.bad("the caught result of " + doomed + " is a success: " + outcome.value());
    }
    RecordedException e = outcome.exception();
    String type = e.originalClassName();
    String expected = Shape.doomedMessage(doomed);
    if (!type.equals(IllegalStateException.class.getName()) || !expected.equals(e.getMessage())) {
      throw call.bad("the caught failure of " + doomed + " is " + type + ": " + e.getMessage());
    }
    return call.end(Shape.hash(seed, node, Shape.fnv(e.getMessage())));
  }

  /** Loops over {@code param} iterations, saving each; a later attempt goes on from its state. */
  @Step(maxRetries = MAX_RETRIES)
  static long loop(long seed, String node, long in, Checkpointer<Integer> checkpoint)
      throws InterruptedException {
    Call call = Call.begin(seed, node, Shape.Kind.LOOP);
    call.expect(0, in);
    int iterations = call.node.param();
    Optional<Integer> loaded = checkpoint.load();
    call.log("LOADED", loaded.map(String::valueOf).orElse("none"));
    int from = 0;
    if (loaded.isPresent()) {
      int last = loaded.get();
      if (last < 0 || last >= iterations) {
        throw call.bad("loaded " + last + ", outside 0.." + (iterations - 1));
      }
      from = last + 1;
    }
    for (int i = from; i < iterations; i++) {
      call.log("ITER", Integer.toString(i));
      if ((i & 3) == 0) {
        Thread.sleep(1);
      }
      checkpoint.save(i);
      call.log("SAVED", Integer.toString(i));
    }
    return call.end(Shape.hash(seed, node, in, iterations));
  }

  /**
   * A continuation: returns the DAG generated from its input's value (its width and content depend
   * on it), with nested continuations down to its depth.
   */
  @Step(maxRetries = MAX_RETRIES)
  static Workflow<Long> expand(long seed, String node, long in) throws InterruptedException {
    Call call = Call.begin(seed, node, Shape.Kind.EXPAND);
    call.expect(0, in);
    Workflow<Long> dag = Workflows.build(call.shape, call.node.innerOutput());
    call.work();
    call.log("END", "dag:" + call.node.innerOutput());
    return dag;
  }

  /** A recoverable failure (retried: {@code retryExceptions = true}). */
  static final class PlannedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PlannedFailure(String message) {
      super(message);
    }
  }

  /** One invocation of a step: its node, task id and attempt, and the log. */
  private static final class Call {
    final Shape shape;
    final Shape.Node node;
    final String task;
    final int attempt;
    final EventLog out;

    private Call(Shape shape, Shape.Node node, String task, int attempt, EventLog out) {
      this.shape = shape;
      this.node = node;
      this.task = task;
      this.attempt = attempt;
      this.out = out;
    }

    static Call begin(long seed, String id, Shape.Kind kind) {
      EventLog out = log;
      if (out == null) {
        throw new IllegalStateException("no execution log: call Torture.logTo first");
      }
      StepContext context = StepContext.current();
      Shape shape = Shape.of(seed);
      Call call = new Call(shape, shape.find(id), context.taskId(), context.attempt(), out);
      if (!call.task.equals(id)) {
        // Its options say taskId(id): the runtime named it otherwise. Logged (the checker maps the
        // name back), not fatal, so that the run goes on and the other invariants are checked.
        call.log("RENAMED", id);
      }
      call.log("START", Integer.toString(call.attempt));
      if (call.node == null || call.node.kind() != kind) {
        throw call.bad("node " + id + " is not a " + kind + " of seed " + seed);
      }
      return call;
    }

    void log(String event, String detail) {
      out.line(event + " " + task + " " + detail);
    }

    /** Checks input {@code index}: the value its producer must have produced. */
    long expect(int index, long actual) {
      String producer = node.inputs().get(index);
      long expected = shape.value(producer);
      if (actual != expected) {
        throw bad("input " + index + " from " + producer + " is " + actual + ", wrote " + expected);
      }
      return actual;
    }

    /** A pause of 0 to 2 ms, so that kills find steps in flight. */
    void work() throws InterruptedException {
      long pause = Long.remainderUnsigned(node.value() >>> 7, 3);
      if (pause > 0) {
        Thread.sleep(pause);
      }
    }

    long end(long value) throws InterruptedException {
      if (value != node.value()) {
        throw bad("computed " + value + ", the model says " + node.value());
      }
      work();
      log("END", Long.toString(value));
      return value;
    }

    void fail(String why) {
      log("FAIL", attempt + " " + why);
    }

    IllegalStateException bad(String detail) {
      log("BAD", detail);
      return new IllegalStateException("BAD " + task + ": " + detail);
    }
  }
}
