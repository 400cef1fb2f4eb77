package dev.waymark.internal;

import dev.waymark.WorkflowExecutionException;
import dev.waymark.WorkflowNotResumableException;
import dev.waymark.WorkflowStatus;
import java.util.Arrays;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One run of a recorded plan. Only the tasks the output needs and whose outputs are not committed
 * execute; committed outputs are read back when a task needs them. A finished task hands its thread
 * to one newly ready dependent (no queue hop along a chain) and queues the others.
 */
final class Execution {
  private static final Object NULL = new Object();
  private static final byte UNSEEN = 0;
  private static final byte NEEDED = 1;
  private static final byte COMMITTED = 2;

  private final String workflowId;
  private final Plan plan;
  private final CheckpointStore.Claim claim;
  private final Executor executor;
  private final Runnable onEnd;
  private final CompletableFuture<Object> result = new CompletableFuture<>();
  private final AtomicInteger inFlight = new AtomicInteger();

  private byte[] state;
  private AtomicIntegerArray remaining;

  /** Dependents of task t among the needed tasks: {@code dependents[dependentStart[t] ..]}. */
  private int[] dependentStart;

  private int[] dependents;
  private AtomicIntegerArray consumers;
  private AtomicReferenceArray<Object> outputs;
  private volatile Throwable failure;
  private volatile int failedTask = -1;

  Execution(
      String workflowId,
      Plan plan,
      CheckpointStore.Claim claim,
      Executor executor,
      Runnable onEnd) {
    this.workflowId = workflowId;
    this.plan = plan;
    this.claim = claim;
    this.executor = executor;
    this.onEnd = onEnd;
  }

  CompletableFuture<Object> result() {
    return result;
  }

  Plan plan() {
    return plan;
  }

  CheckpointStore.Claim claim() {
    return claim;
  }

  /**
   * Works out what must run and starts it; completes at once when the output is committed. A {@code
   * fresh} workflow (its DAG just recorded) has nothing committed, so nothing is looked up.
   */
  void start(boolean fresh) {
    int tasks = plan.taskCount();
    state = new byte[tasks];
    outputs = new AtomicReferenceArray<>(tasks);
    int[] stack = new int[16];
    int top = 0;
    stack[top++] = plan.output;
    state[plan.output] = NEEDED;
    int neededCount = 0;
    while (top > 0) {
      int t = stack[--top];
      if (!fresh && plan.isStored(t) && claim.isCommitted(t)) {
        state[t] = COMMITTED;
        continue;
      }
      state[t] = NEEDED;
      neededCount++;
      if (plan.taskStep[t] != Plan.ALL && plan.steps[plan.taskStep[t]] == null) {
        throw new WorkflowNotResumableException(
            "workflow '"
                + workflowId
                + "' needs step "
                + plan.stepIds[plan.taskStep[t]]
                + ", which no class on this JVM's class path declares");
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
    if (state[plan.output] == COMMITTED) {
      finishWithCommittedOutput();
      return;
    }
    link(tasks);
    inFlight.incrementAndGet(); // held while seeding, so an early failure cannot finish twice
    for (int t = 0; t < tasks; t++) {
      if (state[t] == NEEDED && remaining.get(t) == 0) {
        submit(t);
      }
    }
    chainEnded();
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
            if (state[code] == NEEDED) {
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

  private void submit(int task) {
    inFlight.incrementAndGet();
    executor.execute(() -> drive(task));
  }

  /** Runs {@code task}, then keeps running one newly ready dependent at a time. */
  private void drive(int task) {
    int t = task;
    try {
      while (t >= 0 && failure == null) {
        Object out;
        try {
          out = compute(t);
          if (plan.isStored(t)) {
            commit(t, out);
          }
        } catch (Throwable e) {
          fail(t, e);
          break;
        }
        outputs.set(t, out == null ? NULL : out);
        releaseInputs(t);
        if (t == plan.output) {
          finish(out);
          break;
        }
        int next = -1;
        for (int i = dependentStart[t]; i < dependentStart[t + 1]; i++) {
          int d = dependents[i];
          if (remaining.decrementAndGet(d) == 0) {
            if (next < 0) {
              next = d;
            } else {
              submit(d);
            }
          }
        }
        t = next;
      }
    } finally {
      chainEnded();
    }
  }

  private Object compute(int t) throws Exception {
    int[] inputs = plan.taskInputs[t];
    Object[] args = new Object[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      int code = inputs[i];
      args[i] = code < 0 ? copyOfValue(code) : outputOf(code);
    }
    int step = plan.taskStep[t];
    if (step == Plan.ALL) {
      return Collections.unmodifiableList(Arrays.asList(args));
    }
    return plan.steps[step].invoker().invoke(args);
  }

  /** A fresh copy of a constant each time: a step that mutates its input changes nothing stored. */
  private Object copyOfValue(int code) {
    byte[] bytes = plan.values[-code - 1];
    return CheckpointTypes.deserialize(bytes, 0, bytes.length);
  }

  private Object outputOf(int task) {
    Object out = outputs.get(task);
    if (out == null) {
      CheckpointStore.Payload payload = claim.readOutput(task);
      if (payload == null) {
        throw new IllegalStateException(
            "output of task #" + task + " vanished from " + claim.directory());
      }
      Object read =
          CheckpointTypes.deserialize(payload.bytes(), payload.offset(), payload.length());
      outputs.compareAndSet(task, null, read == null ? NULL : read);
      out = outputs.get(task);
    }
    return out == NULL ? null : out;
  }

  private void commit(int t, Object out) {
    CheckpointTypes.Codec codec = CheckpointTypes.codec();
    codec.output.reset();
    codec.writeTo(out);
    claim.commitOutput(t, codec.output.getBuffer(), 0, codec.output.position());
  }

  /** Lets go of inputs nobody else needs, so long chains run in constant memory. */
  private void releaseInputs(int t) {
    for (int code : plan.taskInputs[t]) {
      if (code >= 0 && consumers.decrementAndGet(code) == 0 && code != plan.output) {
        outputs.set(code, null);
      }
    }
  }

  private void fail(int t, Throwable e) {
    synchronized (this) {
      if (failure == null) {
        failedTask = t;
        failure = e;
      }
    }
  }

  private void chainEnded() {
    if (inFlight.decrementAndGet() == 0 && failure != null && !result.isDone()) {
      finishWithFailure();
    }
  }

  private void finish(Object out) {
    try {
      claim.writeStatus(new CheckpointStore.StatusRecord(WorkflowStatus.SUCCESSFUL, null));
    } catch (RuntimeException e) {
      end();
      result.completeExceptionally(e);
      return;
    }
    end();
    result.complete(out);
  }

  private void finishWithCommittedOutput() {
    Object out;
    try {
      out = outputOf(plan.output);
      claim.writeStatus(new CheckpointStore.StatusRecord(WorkflowStatus.SUCCESSFUL, null));
    } catch (RuntimeException e) {
      end();
      result.completeExceptionally(e);
      return;
    }
    end();
    result.complete(out);
  }

  private void finishWithFailure() {
    Throwable cause = failure;
    String task = plan.taskId(failedTask);
    boolean stepFailed = !(cause instanceof dev.waymark.WorkflowException);
    String message = "workflow '" + workflowId + "' failed in task '" + task + "': " + cause;
    try {
      if (stepFailed) {
        claim.writeStatus(new CheckpointStore.StatusRecord(WorkflowStatus.FAILED, message));
      }
      // A storage failure leaves the status RUNNING: with the claim gone it reads as RESUMABLE.
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
    end();
    result.completeExceptionally(
        stepFailed ? new WorkflowExecutionException(message, cause) : cause);
  }

  private void end() {
    try {
      claim.close();
    } finally {
      onEnd.run();
    }
  }
}
