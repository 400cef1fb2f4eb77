package dev.waymark.internal;

import dev.waymark.Result;
import dev.waymark.StepCrashedException;
import dev.waymark.WorkflowException;
import dev.waymark.WorkflowExecutionException;
import dev.waymark.WorkflowNotResumableException;
import dev.waymark.WorkflowStatus;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One run of a recorded plan. Only the tasks the output needs and whose outputs are not committed
 * execute; committed outputs are read back when a task needs them. A finished task hands its thread
 * to one newly ready dependent (no queue hop along a chain) and queues the others.
 *
 * <p>Every attempt is noted in the claim's in-flight journal first, so an attempt cut short by the
 * death of the process counts as failed when the workflow resumes.
 */
final class Execution {
  private static final Object NULL = new Object();
  private static final byte UNSEEN = 0;
  private static final byte NEEDED = 1;
  private static final byte COMMITTED = 2;

  private final String workflowId;
  private final Plan plan;
  private final CheckpointStore.Claim claim;
  private final Services services;
  private final Runnable onEnd;
  private final CompletableFuture<Object> result = new CompletableFuture<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<Integer, CompletableFuture<Void>> taskWaiters = new ConcurrentHashMap<>();

  /** Failed attempts per task, durable (journal + attempts file); absent means none. */
  private final Map<Integer, Integer> failedAttempts = new ConcurrentHashMap<>();

  private final int[] freeSlots;
  private int freeSlotCount;

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
      Services services,
      Runnable onEnd) {
    this.workflowId = workflowId;
    this.plan = plan;
    this.claim = claim;
    this.services = services;
    this.onEnd = onEnd;
    this.freeSlotCount = claim.inFlightSlots();
    this.freeSlots = new int[freeSlotCount];
    for (int i = 0; i < freeSlotCount; i++) {
      freeSlots[i] = i;
    }
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
    while (top > 0) {
      int t = stack[--top];
      if (!fresh && plan.isStored(t) && claim.isCommitted(t)) {
        state[t] = COMMITTED;
        continue;
      }
      state[t] = NEEDED;
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
    if (!fresh) {
      loadFailedAttempts();
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

  /**
   * Counts the attempts that died with the previous process as failed, durably, before anything
   * runs again.
   */
  private void loadFailedAttempts() {
    Map<Integer, Integer> failed = new HashMap<>(claim.readFailedAttempts());
    boolean changed = false;
    for (Map.Entry<Integer, Integer> died : claim.interruptedAttempts().entrySet()) {
      int task = died.getKey();
      if (task >= 0 && task < state.length && state[task] == NEEDED) {
        Integer before = failed.put(task, Math.max(died.getValue(), failed.getOrDefault(task, 0)));
        changed |= before == null || before < died.getValue();
      }
    }
    if (changed) {
      claim.writeFailedAttempts(failed);
    }
    failedAttempts.putAll(failed);
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
    services.pool().execute(() -> drive(task, false));
  }

  /** Runs {@code task}, then keeps running one newly ready dependent at a time. */
  private void drive(int task, boolean resourcesHeld) {
    int slot = takeSlot();
    try {
      int t = task;
      boolean held = resourcesHeld;
      while (t >= 0 && failure == null) {
        TaskOptions options = plan.taskOptions[t];
        if (!held && options.needsResources()) {
          int waiting = t;
          inFlight.incrementAndGet();
          if (!services
              .resources()
              .acquire(ResourcePool.demandOf(options), () -> startHolding(waiting))) {
            break; // started by the pool once the resources are free
          }
          inFlight.decrementAndGet();
        }
        t = runTask(t, slot);
        held = false;
      }
    } finally {
      giveSlot(slot);
      chainEnded();
    }
  }

  /**
   * Starts a task whose resources were taken for it while it waited; its chain uses the in-flight
   * count taken when it began to wait.
   */
  private void startHolding(int task) {
    services.pool().execute(() -> drive(task, true));
  }

  /**
   * Runs one attempt of task {@code t} (its resources held) and settles it: commit and return the
   * next task to run on this thread, or schedule a retry, or fail the workflow. Returns -1 when
   * this thread has nothing more to run.
   */
  private int runTask(int t, int slot) {
    TaskOptions options = plan.taskOptions[t];
    Object out = null;
    Throwable error = null;
    int attempt = failedAttempts.isEmpty() ? 1 : failedAttempts.getOrDefault(t, 0) + 1;
    long start = System.currentTimeMillis();
    try {
      Object[] args = arguments(t);
      if (attempt > options.maxRetries() + 1) {
        error =
            new StepCrashedException(
                "task '"
                    + plan.taskId(t)
                    + "' was running when its process died, "
                    + (attempt - 1)
                    + " time(s): its "
                    + (options.maxRetries() + 1)
                    + " attempt(s) are spent");
      } else {
        claim.markInFlight(slot, t, attempt);
        try {
          out = invoke(t, args);
        } catch (Throwable e) {
          error = e;
        }
      }
      if (error != null) {
        if (options.retryExceptions()
            && attempt <= options.maxRetries()
            && !(error instanceof StepCrashedException)) {
          scheduleRetry(t, attempt, options);
          return -1;
        }
        if (!options.catching()) {
          fail(t, error);
          return -1;
        }
        out = Result.failure(error);
      } else if (options.catching()) {
        out = Result.success(out);
      }
      if (plan.isStored(t)) {
        commit(t, out, start, System.currentTimeMillis());
      }
    } catch (Throwable e) {
      fail(t, e); // reading inputs or committing failed: a storage problem, not the step's
      return -1;
    } finally {
      if (options.needsResources()) {
        services.resources().release(ResourcePool.demandOf(options));
      }
    }
    return completed(t, out);
  }

  /** Records that a task's output exists and returns the dependent to run next, or -1. */
  private int completed(int t, Object out) {
    outputs.set(t, out == null ? NULL : out);
    releaseInputs(t);
    if (!taskWaiters.isEmpty()) {
      CompletableFuture<Void> waiter = taskWaiters.remove(t);
      if (waiter != null) {
        waiter.complete(null);
      }
    }
    if (t == plan.output) {
      finish(out);
      return -1;
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
    return next;
  }

  private void scheduleRetry(int t, int attempt, TaskOptions options) {
    synchronized (failedAttempts) {
      failedAttempts.put(t, attempt);
      claim.writeFailedAttempts(new HashMap<>(failedAttempts));
    }
    long delay = options.backoff().delayMillis(attempt);
    inFlight.incrementAndGet();
    Runnable retry =
        () -> {
          try {
            submit(t);
          } finally {
            chainEnded();
          }
        };
    if (delay <= 0) {
      retry.run();
    } else {
      services.timer().schedule(retry, delay, TimeUnit.MILLISECONDS);
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

  private void commit(int t, Object out, long startMillis, long endMillis) {
    CheckpointTypes.Codec codec = CheckpointTypes.codec();
    codec.output.reset();
    codec.writeTo(out);
    claim.commitOutput(
        t, startMillis, endMillis, codec.output.getBuffer(), 0, codec.output.position());
  }

  /** Lets go of inputs nobody else needs, so long chains run in constant memory. */
  private void releaseInputs(int t) {
    for (int code : plan.taskInputs[t]) {
      if (code >= 0 && consumers.decrementAndGet(code) == 0 && code != plan.output) {
        outputs.set(code, null);
      }
    }
  }

  /** Completes when task {@code t} has an output or the run ended. */
  CompletableFuture<Void> awaitTask(int t) {
    if (result.isDone() || (outputs != null && outputs.get(t) != null)) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> waiter = taskWaiters.computeIfAbsent(t, k -> new CompletableFuture<>());
    if (result.isDone() || outputs.get(t) != null) {
      waiter.complete(null);
    }
    return waiter;
  }

  private synchronized int takeSlot() {
    if (freeSlotCount == 0) {
      throw new IllegalStateException("more task chains than in-flight slots");
    }
    return freeSlots[--freeSlotCount];
  }

  private synchronized void giveSlot(int slot) {
    claim.clearInFlight(slot);
    freeSlots[freeSlotCount++] = slot;
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
      claim.writeStatus(
          claim.readStatus().next(WorkflowStatus.SUCCESSFUL, null, System.currentTimeMillis()));
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
      CheckpointStore.StatusRecord status = claim.readStatus();
      if (status.status() != WorkflowStatus.SUCCESSFUL) {
        claim.writeStatus(status.next(WorkflowStatus.SUCCESSFUL, null, System.currentTimeMillis()));
      }
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
    boolean stepFailed =
        !(cause instanceof WorkflowException) || cause instanceof StepCrashedException;
    String message = "workflow '" + workflowId + "' failed in task '" + task + "': " + cause;
    try {
      if (stepFailed) {
        claim.writeStatus(
            claim.readStatus().next(WorkflowStatus.FAILED, message, System.currentTimeMillis()));
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
      taskWaiters.values().forEach(waiter -> waiter.complete(null));
    }
  }
}
