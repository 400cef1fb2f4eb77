package dev.waymark.internal;

import dev.waymark.Result;
import dev.waymark.StepCrashedException;
import dev.waymark.WorkflowNotResumableException;
import dev.waymark.annotations.CheckpointMode;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Collectors;

/**
 * One DAG being executed: the workflow's recorded DAG (the root frame), or the DAG a continuation
 * task returned (a child frame, whose output resolves its parent task). Only the tasks the output
 * needs and whose outputs are not stored execute; stored outputs are read back when needed.
 */
final class Frame {
  private static final Object NULL = new Object();
  private static final byte UNSEEN = 0;
  private static final byte NEEDED = 1;
  private static final byte COMMITTED = 2;
  private static final byte CONTINUING = 3;

  private final Execution run;
  private final Plan plan;
  private final Frame parent;
  private final int parentTask;
  private final long[] keys;
  private final boolean parentStored;

  /**
   * The key of the topmost stored continuation task that this frame's output becomes the value of,
   * or -1; see {@link ContinuationLinks}.
   */
  final long linkTop;

  private byte[] state;
  private AtomicIntegerArray remaining;

  /** Dependents of task t among the needed tasks: {@code dependents[dependentStart[t] ..]}. */
  private int[] dependentStart;

  private int[] dependents;
  private AtomicIntegerArray consumers;
  private AtomicReferenceArray<Object> outputs;

  /** Set when a failure inside this frame went past it: its remaining tasks are dropped. */
  volatile boolean dead;

  /** The root frame of a workflow. */
  Frame(Execution run, Plan plan) {
    this(run, plan, null, -1, null, true, -1);
  }

  private Frame(
      Execution run,
      Plan plan,
      Frame parent,
      int parentTask,
      long[] keys,
      boolean parentStored,
      long linkTop) {
    this.run = run;
    this.plan = plan;
    this.parent = parent;
    this.parentTask = parentTask;
    this.keys = keys;
    this.parentStored = parentStored;
    this.linkTop = linkTop;
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
        run, plan, this, t, childKeys, creatorStored, ContinuationLinks.topFor(this, t));
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
    start(fresh, null);
  }

  /**
   * Like {@link #start(boolean)}, running {@code prepared} (if any) once the frame knows what it
   * must run and found every step it needs compatible with the recorded DAG, before anything runs.
   *
   * @throws WorkflowNotResumableException when a step it needs is missing or changed its shape
   */
  void start(boolean fresh, Runnable prepared) {
    int tasks = plan.taskCount();
    state = new byte[tasks];
    outputs = new AtomicReferenceArray<>(tasks);
    int[] stack = new int[16];
    int top = 0;
    stack[top++] = plan.output;
    state[plan.output] = NEEDED;
    CheckpointStore.Claim claim = run.claim();
    while (top > 0) {
      int t = stack[--top];
      if (!fresh) {
        long key = key(t);
        if (claim.contains(TaskKeys.store(TaskKeys.OUTPUT, key))
            || claim.contains(TaskKeys.store(TaskKeys.FINAL, key))) {
          state[t] = COMMITTED;
          SignatureCheck.checkReadable(claim, run.workflowId(), plan, t); // its output is read
          continue;
        }
        if (claim.contains(TaskKeys.store(TaskKeys.CONTINUATION, key))) {
          state[t] = CONTINUING; // its step returned a DAG that is stored: resume that instead
          SignatureCheck.check(claim, run.workflowId(), plan, t, true);
          continue;
        }
      }
      state[t] = NEEDED;
      if (plan.taskStep[t] != Plan.ALL) {
        if (plan.steps[plan.taskStep[t]] == null) {
          throw missingStep(plan.stepIds[plan.taskStep[t]]);
        }
        SignatureCheck.check(claim, run.workflowId(), plan, t, false); // it runs
      }
      for (int code : plan.taskInputs[t]) {
        if (code >= 0 && state[code] == UNSEEN) {
          state[code] = NEEDED; // provisional: settled when popped
          if (top == stack.length) {
            stack = Arrays.copyOf(stack, top * 2);
          }
          stack[top++] = code;
        }
      }
    }
    if (prepared != null) {
      prepared.run();
    }
    if (state[plan.output] == COMMITTED) {
      Object value = readValue(plan.output);
      if (isRoot()) {
        run.finish(value);
      } else {
        run.submitResolve(parent, parentTask, value, storedProducer(plan.output));
      }
      return;
    }
    link(tasks);
    // The ready set is taken before anything runs: once tasks run, they make others ready
    // themselves, and a task seen ready twice would run twice.
    int[] ready = new int[16];
    int count = 0;
    for (int t = 0; t < tasks; t++) {
      if ((state[t] == NEEDED || state[t] == CONTINUING) && remaining.get(t) == 0) {
        if (count == ready.length) {
          ready = Arrays.copyOf(ready, count * 2);
        }
        ready[count++] = t;
      }
    }
    int[] seeds = ready;
    int seedCount = count;
    run.seed(
        () -> {
          for (int i = 0; i < seedCount; i++) {
            run.submit(this, seeds[i]);
          }
        });
  }

  /** A step this DAG needs that no class of this JVM declares, in any version or in this one. */
  private WorkflowNotResumableException missingStep(String id) {
    List<String> others = StepRegistry.get().otherVersions(id);
    String base = "workflow '" + run.workflowId() + "' needs step " + id;
    if (others.isEmpty()) {
      return new WorkflowNotResumableException(
          base
              + ", which no class on this JVM's class path declares: the workflow keeps what it"
              + " stored; run it with the code it was recorded with, where that step exists");
    }
    int version = StepDefinition.versionOf(id);
    String name = StepDefinition.unversioned(id);
    List<Integer> versions = others.stream().map(StepDefinition::versionOf).toList();
    return new WorkflowNotResumableException(
        "workflow '"
            + run.workflowId()
            + "' needs version "
            + version
            + " of step "
            + name
            + ", but this code declares only version"
            + (versions.size() == 1 ? " " : "s ")
            + versions.stream().map(String::valueOf).collect(Collectors.joining(", "))
            + ": keep the version-"
            + version
            + " method, annotated @Step(name = \""
            + name.substring(name.indexOf('#') + 1)
            + "\", version = "
            + version
            + "), until the workflows recorded with it have finished; the workflow keeps what it"
            + " stored");
  }

  /** Counts, per needed task, its pending inputs, and lists each task's needed dependents. */
  private void link(int tasks) {
    remaining = new AtomicIntegerArray(tasks);
    consumers = new AtomicIntegerArray(tasks);
    dependentStart = new int[tasks + 1];
    for (int t = 0; t < tasks; t++) {
      if (state[t] == NEEDED) {
        for (int code : plan.taskInputs[t]) {
          if (code >= 0) {
            dependentStart[code + 1]++;
            consumers.getAndIncrement(code);
            if (state[code] == NEEDED || state[code] == CONTINUING) {
              remaining.getAndIncrement(t);
            }
          }
        }
      }
    }
    for (int t = 0; t < tasks; t++) {
      dependentStart[t + 1] += dependentStart[t];
    }
    dependents = new int[dependentStart[tasks]];
    int[] fill = Arrays.copyOf(dependentStart, tasks);
    for (int t = 0; t < tasks; t++) {
      if (state[t] == NEEDED) {
        for (int code : plan.taskInputs[t]) {
          if (code >= 0) {
            dependents[fill[code]++] = t;
          }
        }
      }
    }
  }

  /**
   * Runs one attempt of task {@code t} (its resources held) and settles it: commit and point the
   * cursor at what this thread runs next, or schedule a retry, start a continuation, or fail.
   * Returns false when a graceful stop abandoned the run while the step's code ran: then nothing of
   * the attempt was recorded, and this thread must not touch the run's storage any more.
   */
  boolean runTask(int t, int slot, Cursor cursor) {
    TaskOptions options = plan.taskOptions[t];
    CheckpointStore.Claim claim = run.claim();
    Object out = null;
    long producer = -1;
    StateCheckpointer<?> state = null;
    String eventListener = null;
    String eventKey = null;
    Runnable acknowledge = null;
    try {
      if (this.state[t] == CONTINUING) {
        ContinuationLinks.resume(this, t);
        return true;
      }
      Object[] args = arguments(t);
      if (plan.taskStep[t] != Plan.ALL && plan.steps[plan.taskStep[t]] == BuiltInSteps.SLEEP) {
        Long wake = sleepUntil(t, (java.time.Duration) args[0]);
        if (wake == null) {
          return true; // woken by the timer, no thread waits
        }
        out = java.time.Instant.ofEpochMilli(wake);
        args = null;
      } else if (plan.taskStep[t] != Plan.ALL
          && plan.steps[plan.taskStep[t]] == BuiltInSteps.EVENT) {
        eventListener = (String) args[0];
        eventKey = (String) args[1];
        Object event = run.events().await(this, t, eventListener, eventKey, (String) args[2]);
        if (event == EventWaits.NO_EVENT) {
          return true; // polled without a thread; this task runs again when it arrives
        }
        out = event;
        args = null;
      }
      int attempt = run.failedAttempts(key(t)) + 1;
      long start = System.currentTimeMillis();
      Throwable error = null;
      if (attempt > options.maxRetries() + 1) {
        error =
            new StepCrashedException(
                "task '"
                    + name(t)
                    + "' was running when its process died, "
                    + (attempt - 1)
                    + " time(s): its "
                    + (options.maxRetries() + 1)
                    + " attempt(s) are spent");
      } else if (args == null) {
        // a built-in step whose output is known: a sleep that is over, an event that arrived
      } else if (run.isStopping()) {
        return true; // the runtime closes: the step runs when the workflow is resumed
      } else {
        claim.markInFlight(slot, key(t), attempt);
        CurrentTask current = CurrentTask.enter(run, this, t, attempt);
        try {
          run.leaveStorage(); // the step's own code, which a graceful stop may abandon
          try {
            out = invoke(t, args);
          } catch (Throwable e) {
            error = e;
          }
          if (!run.returnToStorage()) {
            return false;
          }
          state = current.checkpointer();
          if (error != null) {
            if (state != null) {
              flushQuietly(state, error);
            }
          } else {
            if (state != null) {
              state.flush(); // everything saved is written before the output is stored
            }
            if (out instanceof Node<?> node) {
              if (!(node instanceof ValueNode<?> constant)) {
                if (state != null) {
                  state.discard();
                }
                continueWith(t, node, start);
                return true;
              }
              out = CheckpointCodec.deserialize(constant.bytes, 0, constant.bytes.length);
            }
          }
        } catch (Throwable e) {
          error = e; // the step's DAG or its saved state could not be recorded
        } finally {
          current.exit();
        }
      }
      if (error != null) {
        if (options.retryExceptions()
            && attempt <= options.maxRetries()
            && !(error instanceof StepCrashedException)) {
          run.scheduleRetry(this, t, attempt, options.backoff().delayMillis(attempt));
          return true;
        }
        if (!options.catching()) {
          failed(t, error, cursor);
          return true;
        }
        out = Result.failure(error);
      } else if (options.catching()) {
        out = Result.success(out);
      }
      if (stored(t)) {
        long key = TaskKeys.store(TaskKeys.OUTPUT, key(t));
        run.writeValue(key, out, start, System.currentTimeMillis(), -1);
        producer = key;
      }
      if (state != null) {
        state.discard();
      }
      if (eventKey != null) {
        String listener = eventListener;
        String eventName = eventKey;
        Object event = out;
        acknowledge = () -> run.events().acknowledge(listener, eventName, event); // once stored
      }
    } catch (Throwable e) {
      run.fail(name(t), e); // reading inputs or storing failed: a storage problem, not the step's
      return true;
    } finally {
      if (options.needsResources()) {
        run.services().resources().release(ResourcePool.demandOf(options));
      }
    }
    settleWritten(t, out, producer, acknowledge, cursor);
    return true;
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
  private void continueWith(int t, Node<?> node, long start) {
    Plan childPlan = Plan.of(node, Map.of());
    if (!storesDag(t)) {
      checkNoUselessCheckpoints(t, childPlan);
    }
    Frame child = child(t, childPlan);
    run.names().register(child);
    if (storesDag(t)) {
      SignatureCheck.keepShapes(run.claim(), childPlan);
      byte[] dag = DagCodec.encode(childPlan);
      run.claim()
          .write(
              TaskKeys.store(TaskKeys.CONTINUATION, key(t)),
              start,
              System.currentTimeMillis(),
              dag,
              0,
              dag.length);
      ContinuationLinks.noteStored(this, t);
    }
    // A parent whose DAG is stored runs its step once, so its new DAG has nothing stored yet. A
    // parent that is not stored may be running again, and its output task may be stored.
    child.start(storesDag(t));
  }

  /**
   * Inside a parent whose DAG is not stored, a stored output could never be found again, except the
   * output's: it resolves the parent.
   */
  private void checkNoUselessCheckpoints(int t, Plan childPlan) {
    for (int i = 0; i < childPlan.taskCount(); i++) {
      if (i != childPlan.output && childPlan.taskOptions[i].checkpoint() == CheckpointMode.TRUE) {
        throw new IllegalStateException(
            "task '"
                + childPlan.baseName(i)
                + "' asks for checkpoint TRUE inside the continuation of task '"
                + name(t)
                + "', whose checkpoint is FALSE: that DAG is not stored, so the output could never"
                + " be found again. Only the continuation's output step may be TRUE (it lets"
                + " recovery skip re-running '"
                + name(t)
                + "'); remove the option or store the parent");
      }
    }
  }

  /**
   * The DAG of continuation task {@code p} resolved to {@code value}, stored at {@code producer}.
   */
  void resolve(int p, Object value, long producer, Cursor cursor) {
    if (dead) {
      return;
    }
    long newProducer;
    Object out = value;
    try {
      if (plan.taskOptions[p].catching()) {
        out = Result.success(value);
        producer = -1;
      }
      newProducer = writeFinal(p, out, producer);
    } catch (Throwable e) {
      run.fail(name(p), e);
      return;
    }
    settleWritten(p, out, newProducer, null, cursor);
  }

  /**
   * Records what continuation task {@code p} resolved to: a link to where the value is stored, or
   * the value itself when only {@code p} stores it. Returns where the value is now stored, or -1.
   */
  private long writeFinal(int p, Object value, long producer) {
    long key = TaskKeys.store(TaskKeys.FINAL, key(p));
    if (producer >= 0) {
      byte[] link = ByteBuffer.allocate(9).put(Records.FINAL_LINK).putLong(producer).array();
      run.claim().write(key, 0, 0, link, 0, link.length);
      return producer;
    }
    if (stored(p)) {
      run.writeValue(key, value, 0, 0, Records.FINAL_VALUE);
      return key;
    }
    return -1;
  }

  /** A failure inside this frame goes to the nearest catching ancestor task, or fails the run. */
  private void failed(int t, Throwable error, Cursor cursor) {
    String origin = name(t);
    Frame frame = this;
    int task = t;
    while (true) {
      if (frame.isRoot()) {
        run.fail(origin, error);
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
      task = p;
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
        cursor.resolve(parent, parentTask, out, producer);
      }
      return;
    }
    for (int i = dependentStart[t]; i < dependentStart[t + 1]; i++) {
      int d = dependents[i];
      if (remaining.decrementAndGet(d) == 0) {
        if (cursor.frame == null) {
          cursor.run(this, d);
        } else {
          run.submit(this, d);
        }
      }
    }
  }

  private Object[] arguments(int t) {
    int[] inputs = plan.taskInputs[t];
    Object[] args = new Object[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      int code = inputs[i];
      args[i] = code < 0 ? copyOfValue(code) : outputOf(code);
    }
    return args;
  }

  private Object invoke(int t, Object[] args) throws Exception {
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

  /** Where task {@code t}'s stored value lives, for links; -1 when nowhere. */
  private long storedProducer(int t) {
    return Records.producer(run.claim(), key(t));
  }

  /** Lets go of inputs nobody else needs, so long chains run in constant memory. */
  private void releaseInputs(int t) {
    if (state[t] != NEEDED) {
      return; // a resumed continuation: its inputs were not counted, it never read them
    }
    for (int code : plan.taskInputs[t]) {
      if (code >= 0 && consumers.decrementAndGet(code) == 0 && code != plan.output) {
        outputs.set(code, null);
      }
    }
  }

  /**
   * A durable sleep: fixes and stores the wake-up time on its first run; returns it when it has
   * passed, or schedules this task again for then and returns null.
   */
  private Long sleepUntil(int t, java.time.Duration duration) {
    long stateKey = TaskKeys.store(TaskKeys.STATE, key(t));
    CheckpointStore.Payload stored = run.claim().read(stateKey);
    long now = System.currentTimeMillis();
    long wake;
    if (stored == null) {
      wake = now + duration.toMillis();
      byte[] bytes = ByteBuffer.allocate(8).putLong(wake).array();
      run.claim().write(stateKey, now, now, bytes, 0, bytes.length);
    } else {
      wake = ByteBuffer.wrap(stored.bytes(), stored.offset(), 8).getLong();
    }
    if (wake > now) {
      run.schedule(() -> run.submit(this, t), wake - now);
      return null;
    }
    return wake;
  }

  /** Writes what a failing attempt saved, keeping the step's own exception as the failure. */
  private static void flushQuietly(StateCheckpointer<?> state, Throwable stepFailure) {
    try {
      state.flush();
    } catch (RuntimeException e) {
      stepFailure.addSuppressed(e);
    }
  }

  static byte[] bytes(CheckpointStore.Payload payload) {
    return Arrays.copyOfRange(
        payload.bytes(), payload.offset(), payload.offset() + payload.length());
  }
}
