package dev.waymark.internal;

import dev.waymark.Result;
import dev.waymark.annotations.CheckpointMode;
import dev.waymark.exceptions.WorkflowNotResumableException;
import dev.waymark.internal.storage.TaskKeys;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One DAG being executed: the workflow's recorded DAG (the root frame), or the DAG a continuation
 * task returned (a child frame, whose output resolves its parent task). Only the tasks the output
 * needs and whose outputs are not stored execute; stored outputs are read back when needed.
 */
final class Frame {
  private static final Object NULL = new Object();

  private final Execution run;
  private final Plan plan;
  private final Frame parent;
  private final int parentTask;
  private final long[] keys;
  private final boolean parentStored;

  /**
   * Whether the walk over stored DAGs from the root ({@link TaskLocator}) reaches this frame: every
   * DAG from the root down to it is stored, so its tasks' names can live in its DAG's record.
   */
  private final boolean reached;

  /** Whether this frame's DAG is the one its parent task returned (not one deeper down). */
  private final boolean direct;

  /**
   * Whether this frame's DAG is stored with the mark that its parent task's value is its output as
   * is (see {@link Records}): read from that record, or set when this frame's DAG is stored.
   */
  private boolean valueIsOutput;

  /** The ids of this frame's tasks as far as known; unused for the root frame (see TaskNames). */
  final FrameIds ids;

  /**
   * The key of the topmost stored continuation task that this frame's output becomes the value of,
   * or -1; see {@link ContinuationLinks}.
   */
  final long linkTop;

  /** What this frame runs, once it started. */
  private Needs needs;

  private AtomicReferenceArray<Object> outputs;

  /** Set when a failure inside this frame went past it: its remaining tasks are dropped. */
  volatile boolean dead;

  /** The root frame of a workflow. */
  Frame(Execution run, Plan plan) {
    this(run, plan, null, -1, null, true, true, false, -1);
  }

  private Frame(
      Execution run,
      Plan plan,
      Frame parent,
      int parentTask,
      long[] keys,
      boolean parentStored,
      boolean reached,
      boolean direct,
      long linkTop) {
    this.run = run;
    this.plan = plan;
    this.parent = parent;
    this.parentTask = parentTask;
    this.keys = keys;
    this.parentStored = parentStored;
    this.reached = reached;
    this.direct = direct;
    this.linkTop = linkTop;
    this.ids = new FrameIds(plan);
    this.valueIsOutput = plan.valueIsOutput;
  }

  /** The frame of the DAG that task {@code t} of this frame returned. */
  private Frame child(int t, Plan childPlan) {
    return descendant(t, key(t), childPlan, storesDag(t));
  }

  /**
   * The frame of the DAG that task {@code creator} returned, whose output resolves task {@code t}
   * of this frame: a child of {@code t} when {@code creator} is {@code t}'s key, or a stored
   * continuation deeper down {@code t}'s output path that recovery resumes directly.
   */
  Frame descendant(int t, long creator, Plan plan, boolean creatorStored) {
    long[] childKeys = new long[plan.taskCount()];
    for (int i = 0; i < childKeys.length; i++) {
      childKeys[i] = TaskKeys.child(creator, i);
    }
    return new Frame(
        run,
        plan,
        this,
        t,
        childKeys,
        creatorStored,
        reached && creatorStored && creator == key(t),
        creator == key(t),
        ContinuationLinks.topFor(this, t));
  }

  Execution run() {
    return run;
  }

  Frame parent() {
    return parent;
  }

  boolean isRoot() {
    return parent == null;
  }

  Plan plan() {
    return plan;
  }

  long key(int t) {
    return keys == null ? t : keys[t];
  }

  String name(int t) {
    return run.names().name(this, t);
  }

  /**
   * Whether task {@code t}'s output is stored: the workflow's output always is; otherwise by its
   * checkpoint mode, INHERIT taking the parent task's (a root task's parent stores). Fan-ins are
   * rebuilt from their inputs instead.
   */
  boolean stored(int t) {
    return (isRoot() && t == plan.output) || storesDag(t);
  }

  /**
   * Whether task {@code t} stores by its checkpoint mode (INHERIT taking the parent task's): its
   * output, and, for a continuation, the DAG it returns. Only the workflow's output is stored
   * whatever its mode: with {@code FALSE} on the top-level step, its value is stored but not its
   * DAG, so recovery runs the top-level step again, as with any unstored continuation.
   */
  boolean storesDag(int t) {
    if (plan.taskStep[t] == Plan.ALL) {
      return false;
    }
    CheckpointMode mode = plan.taskOptions[t].checkpoint();
    return mode == CheckpointMode.TRUE || (mode == CheckpointMode.INHERIT && parentStored);
  }

  /**
   * Works out what must run and starts it. A {@code fresh} frame has nothing stored, so nothing is
   * looked up. When the output is already stored, the frame resolves at once.
   */
  void start(boolean fresh) {
    start(fresh, null, null);
  }

  /**
   * Like {@link #start(boolean)}, running {@code prepared} (if any) once the frame knows what it
   * must run and found every step it needs compatible with the recorded DAG, before anything runs.
   *
   * @throws WorkflowNotResumableException when a step it needs is missing or changed its shape
   */
  void start(boolean fresh, Runnable prepared) {
    start(fresh, prepared, null);
  }

  /**
   * Like {@link #start(boolean, Runnable)}; with a {@code cursor} that points nowhere (the thread
   * that created this frame, done with its task), the first task ready runs next on that thread
   * instead of on another one, which it would have to wake.
   */
  private void start(boolean fresh, Runnable prepared, Cursor cursor) {
    outputs = new AtomicReferenceArray<>(plan.taskCount());
    needs = Needs.walk(this, fresh);
    if (prepared != null) {
      prepared.run();
    }
    if (needs.outputCommitted()) {
      Object value = readValue(plan.output);
      if (isRoot()) {
        run.finish(value);
      } else {
        run.submitResolve(parent, parentTask, value, storedProducer(plan.output));
      }
      return;
    }
    int[] ready = needs.link();
    int from = cursor != null && cursor.frame == null && ready.length > 0 ? 1 : 0;
    if (from == 1) {
      cursor.run(this, ready[0]);
    }
    if (from == ready.length) {
      return;
    }
    run.seed(
        () -> {
          for (int i = from; i < ready.length; i++) {
            run.submit(this, ready[i]);
          }
        });
  }

  /**
   * Runs one attempt of task {@code t} (its resources held) and settles it: commit and point the
   * cursor at what this thread runs next, or schedule a retry, start a continuation, or fail.
   * Returns false when a graceful stop abandoned the run while the step's code ran: then nothing of
   * the attempt was recorded, and this thread must not touch the run's storage any more.
   */
  boolean runTask(int t, int slot, Cursor cursor) {
    Outcome outcome;
    long producer = -1;
    try {
      if (needs.continuing(t)) {
        ContinuationLinks.resume(this, t);
        return true;
      }
      outcome = Attempt.run(this, t, slot);
      if (outcome == Outcome.Later.ABANDONED) {
        return false;
      }
      if (outcome instanceof Outcome.Value value) {
        if (run.hooked()) {
          run.hook(hooks -> hooks.committing(run.workflowId(), name(t)));
        }
        producer = commit(t, value);
        if (run.hooked()) {
          run.hook(hooks -> hooks.committed(run.workflowId(), name(t)));
        }
      } else if (outcome instanceof Outcome.Continuation continuation) {
        continueWith(t, continuation.dag(), continuation.startMillis(), cursor);
      } else if (outcome instanceof Outcome.Retry retry) {
        RunEvents.stepRetried(this, t, retry);
        run.scheduleRetry(this, t, retry.attempt(), retry.delayMillis(), retry.crashed());
      }
    } catch (SimulatedCrash crash) {
      throw crash;
    } catch (Throwable e) {
      run.fail(name(t), e); // reading inputs or storing failed: a storage problem, not the step's
      return true;
    } finally {
      TaskOptions options = plan.taskOptions[t];
      if (options.needsResources()) {
        run.services().resources().release(ResourcePool.demandOf(options));
      }
    }
    if (outcome instanceof Outcome.Value value) {
      settleWritten(t, value.out(), producer, value.acknowledge(), cursor);
    } else if (outcome instanceof Outcome.Failed failed) {
      RunEvents.stepFailed(this, t, failed);
      failed(t, failed.error(), failed.attempts(), cursor);
    }
    return true;
  }

  /**
   * Stores task {@code t}'s output (when it is stored) and lets go of the state its step saved.
   * Returns where the output is stored, or -1.
   */
  private long commit(int t, Outcome.Value value) {
    long producer = -1;
    long end = run.services().clock().millis();
    int bytes = 0;
    if (stored(t)) {
      producer = TaskKeys.store(TaskKeys.OUTPUT, key(t));
      bytes = run.writeValue(producer, value.out(), value.startMillis(), end, -1);
    }
    if (value.state() != null) {
      value.state().discard();
    }
    RunEvents.stepCommitted(this, t, value, end, bytes);
    return producer;
  }

  /**
   * Task {@code t}'s output is committed (and forced, when the storage promises that): acknowledge
   * what it consumed, then hand the output on.
   */
  void settle(int t, Object out, long producer, Runnable acknowledge, Cursor cursor) {
    if (acknowledge != null) {
      try {
        acknowledge.run();
      } catch (Throwable e) {
        run.fail(name(t), e);
        return;
      }
    }
    completed(t, out, producer, cursor);
  }

  /**
   * Settles task {@code t}, which stored its value at {@code producer} (-1: stored nothing): at
   * once, or when the storage promises power-loss durability, once the group commit forced it.
   */
  private void settleWritten(
      int t, Object out, long producer, Runnable acknowledge, Cursor cursor) {
    if (producer >= 0 && run.forcesCommits()) {
      run.settleWhenForced(this, t, out, producer, acknowledge);
    } else {
      settle(t, out, producer, acknowledge, cursor);
    }
  }

  /**
   * Task {@code t} returned a DAG: record it (if {@code t} is stored), name its tasks, and start
   * it. {@code t} resolves when that DAG's output does.
   */
  private void continueWith(int t, Node<?> node, long start, Cursor cursor) {
    Plan childPlan = Plan.of(node, Map.of());
    if (!storesDag(t)) {
      childPlan.checkOnlyOutputStored(name(t));
    }
    Frame child = child(t, childPlan);
    run.names().register(child, child.reached);
    if (storesDag(t)) {
      SignatureCheck.keepShapes(run.claim(), childPlan);
      child.valueIsOutput = !plan.taskOptions[t].catching();
      byte[] dag = DagCodec.encode(childPlan, child.ids.all(), child.valueIsOutput);
      run.claim()
          .values()
          .write(
              TaskKeys.store(TaskKeys.CONTINUATION, key(t)),
              start,
              run.services().clock().millis(),
              dag,
              0,
              dag.length);
      ContinuationLinks.noteStored(this, t);
    }
    // A parent whose DAG is stored runs its step once, so its new DAG has nothing stored yet. A
    // parent that is not stored may be running again, and its output task may be stored.
    child.start(storesDag(t), null, cursor);
  }

  /**
   * The DAG of continuation task {@code p} resolved to {@code value}, stored at {@code producer}.
   * {@code throughOutput} says that {@code producer} is the stored output of the output step of the
   * stored DAG {@code p} returned, which says where {@code p}'s value is (see {@link Records}):
   * then no final record is written, unless {@code p} catches (its value is a {@code Result}).
   */
  void resolve(int p, Object value, long producer, boolean throughOutput, Cursor cursor) {
    if (dead) {
      return;
    }
    long newProducer;
    Object out = value;
    try {
      boolean catching = plan.taskOptions[p].catching();
      if (catching) {
        out = Result.success(value);
        producer = -1;
      }
      newProducer = throughOutput && !catching ? producer : writeFinal(p, out, producer);
    } catch (Throwable e) {
      run.fail(name(p), e);
      return;
    }
    settleWritten(p, out, newProducer, null, cursor);
  }

  /**
   * Records what continuation task {@code p} resolved to; returns where the value is now stored, or
   * -1.
   */
  private long writeFinal(int p, Object value, long producer) {
    return Records.writeFinal(run.claim(), key(p), value, producer, stored(p));
  }

  /** A failure inside this frame goes to the nearest catching ancestor task, or fails the run. */
  private void failed(int t, Throwable error, String attempts, Cursor cursor) {
    String origin = name(t);
    Frame frame = this;
    while (true) {
      if (frame.isRoot()) {
        run.fail(origin, attempts, error);
        return;
      }
      frame.dead = true;
      Frame up = frame.parent;
      int p = frame.parentTask;
      if (up.plan.taskOptions[p].catching()) {
        Object out = Result.failure(error);
        long producer;
        try {
          producer = up.writeFinal(p, out, -1);
        } catch (Throwable e) {
          run.fail(up.name(p), e);
          return;
        }
        up.settleWritten(p, out, producer, null, cursor);
        return;
      }
      frame = up;
    }
  }

  /** Records that a task's output exists and points the cursor at what to run next. */
  private void completed(int t, Object out, long producer, Cursor cursor) {
    if (dead) {
      return; // a failure went past this frame: its parent was settled already
    }
    outputs.set(t, out == null ? NULL : out);
    releaseInputs(t);
    run.taskCompleted(this, t);
    if (t == plan.output) {
      if (isRoot()) {
        run.finish(out);
      } else {
        // The parent task's stored DAG names this output step: its value needs no record of its
        // own.
        boolean throughOutput =
            direct
                && parentStored
                && valueIsOutput
                && producer == TaskKeys.store(TaskKeys.OUTPUT, key(t));
        cursor.resolve(parent, parentTask, out, producer, throughOutput);
      }
      return;
    }
    for (int i = needs.dependentsFrom(t); i < needs.dependentsTo(t); i++) {
      int d = needs.dependent(i);
      if (needs.inputArrived(d)) {
        if (cursor.frame == null) {
          cursor.run(this, d);
        } else {
          run.submit(this, d);
        }
      }
    }
  }

  Object[] arguments(int t) {
    int[] inputs = plan.taskInputs[t];
    Object[] args = new Object[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      int code = inputs[i];
      args[i] = code < 0 ? copyOfValue(code) : outputOf(code);
    }
    return args;
  }

  Object invoke(int t, Object[] args) throws Exception {
    int step = plan.taskStep[t];
    if (step == Plan.ALL) {
      return Collections.unmodifiableList(Arrays.asList(args));
    }
    return plan.steps[step].invoker().invoke(args);
  }

  /** A fresh copy of a constant each time: a step that mutates its input changes nothing stored. */
  private Object copyOfValue(int code) {
    byte[] bytes = plan.values[-code - 1];
    return CheckpointCodec.deserialize(bytes, 0, bytes.length);
  }

  private Object outputOf(int task) {
    Object out = outputs.get(task);
    if (out == null) {
      Object read = readValue(task);
      outputs.compareAndSet(task, null, read == null ? NULL : read);
      out = outputs.get(task);
    }
    return out == NULL ? null : out;
  }

  /** The stored value of task {@code t}: its output, or what its continuation resolved to. */
  private Object readValue(int t) {
    return run.readValue(key(t));
  }

  /** The step task {@code t} runs, or null for a fan-in. */
  StepDefinition<?> step(int t) {
    return plan.taskStep[t] == Plan.ALL ? null : plan.steps[plan.taskStep[t]];
  }

  /** The runtime's own step task {@code t} runs, or null for a user step or a fan-in. */
  BuiltInStep builtIn(int t) {
    StepDefinition<?> step = step(t);
    return step == null ? null : step.builtIn();
  }

  /** Where task {@code t}'s stored value lives, for links; -1 when nowhere. */
  private long storedProducer(int t) {
    return Records.producer(run.claim(), key(t));
  }

  /** Lets go of inputs nobody else needs, so long chains run in constant memory. */
  private void releaseInputs(int t) {
    for (int code : plan.taskInputs[t]) {
      if (code >= 0 && needs.lastReader(t, code) && code != plan.output) {
        outputs.set(code, null);
      }
    }
  }
}
