package dev.waymark.internal;

import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowCancelledException;
import dev.waymark.exceptions.WorkflowStoppedException;
import dev.waymark.internal.storage.Failures;
import dev.waymark.internal.storage.StatusRecord;
import dev.waymark.internal.storage.WorkflowStore;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of a workflow: its frames (the recorded DAG and the DAGs continuations return), the
 * threads driving them, and what they share: the claim, the failure, the in-flight count, the
 * attempt counts and the task names.
 *
 * <p>A thread runs a task, then the dependent it made ready, then, when a frame's output resolves a
 * continuation, that parent task's dependents, in one loop: deep recursion neither grows the Java
 * stack nor hops between threads. Every attempt is noted in the claim's in-flight journal first, so
 * an attempt cut short by the death of the process counts as failed on resume.
 */
final class Execution {
  private final String workflowId;
  private final Plan plan;
  private final WorkflowStore claim;
  private final Services services;
  private final Runnable onEnd;
  private final TaskNames names;
  private final CompletableFuture<Object> result = new CompletableFuture<>();
  private final CompletableFuture<Object> callers;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final Map<String, CompletableFuture<Void>> taskWaiters = new ConcurrentHashMap<>();

  /** Failed attempts per task key, durable (journal + attempts file); absent means none. */
  private final AttemptJournal journal;

  private final StorageGate gate;

  private final Set<Thread> stepThreads = ConcurrentHashMap.newKeySet();
  private final RunTimers timers;
  private final EventWaits events = new EventWaits(this);

  private final RunFailure failure;

  /** The listeners of every step's events, or null. */
  private final Observers stepObservers;

  /** The thread starting the run that keeps its first chain (see {@link #start}), or null. */
  private Thread caller;

  /** The first chain, kept for {@link #runHeld}; only the starting thread touches these two. */
  private Runnable firstChain;

  /** When this run began, by the runtime's clock. */
  private long startMillis;

  /** Set when the runtime closes: no task starts any more; running ones may still finish. */
  private volatile boolean stopping;

  /**
   * A run whose outcome also completes {@code callers}, the future its callers hold, before its own
   * {@link #result}: whoever waits for the run to end (a cancel) then finds that future complete.
   * The engine waits on its own future only, which callers cannot complete or cancel.
   */
  Execution(
      String workflowId,
      Plan plan,
      WorkflowStore claim,
      Services services,
      Runnable onEnd,
      CompletableFuture<Object> callers) {
    this.callers = callers;
    this.workflowId = workflowId;
    this.plan = plan;
    this.claim = claim;
    this.services = services;
    this.onEnd = onEnd;
    this.names = new TaskNames(claim, plan);
    this.journal = new AttemptJournal(claim.attempts());
    this.failure = new RunFailure(workflowId);
    this.gate = new StorageGate(services.death());
    this.timers = new RunTimers(services.timer());
    Observers observers = services.observers();
    this.stepObservers = observers != null && observers.wantsSteps() ? observers : null;
  }

  String workflowId() {
    return workflowId;
  }

  CompletableFuture<Object> result() {
    return result;
  }

  /**
   * Whether the run has ended (set before its claim is released, so a reader that fails on the
   * released claim can tell why).
   */
  boolean hasEnded() {
    return ended.get();
  }

  Plan plan() {
    return plan;
  }

  EventWaits events() {
    return events;
  }

  WorkflowStore claim() {
    return claim;
  }

  Services services() {
    return services;
  }

  TaskNames names() {
    return names;
  }

  /** The listeners of every step's events, or null when none listens to them. */
  Observers stepObservers() {
    return stepObservers;
  }

  /**
   * Starts the workflow; a {@code fresh} one (its DAG just recorded) has nothing stored yet. {@code
   * prepared} runs once the recorded DAG proved runnable here, before any step runs. With {@code
   * here}, the first chain of steps is kept for this thread to run ({@link #runHeld}) instead of
   * going to the pool.
   */
  void start(boolean fresh, Runnable prepared, boolean here) {
    if (hasEnded()) {
      return; // canceled once active, before it started
    }
    startMillis = services.clock().millis();
    RunEvents.workflowStarted(this, fresh);
    caller = here ? Thread.currentThread() : null;
    if (fresh) {
      names.nothingStoredBefore();
    }
    try {
      new Frame(this, plan)
          .start(
              fresh,
              () -> {
                if (!fresh) {
                  journal.load();
                }
                prepared.run();
              });
    } catch (RuntimeException e) {
      if (!hasEnded()) { // refused (the code changed), or the storage failed: nothing ran
        RunEvents.workflowEnded(this, startMillis, WorkflowStatus.RUNNING, e);
      }
      throw e;
    } finally {
      caller = null;
    }
  }

  /** Runs the chain {@link #start} kept for this thread, if it kept one. */
  void runHeld() {
    Runnable chain = firstChain;
    firstChain = null;
    if (chain != null) {
      services.pool().runChainHere(chain);
    }
  }

  /** The failed attempts of a task so far, those its process's death cut short among them. */
  Failures failedAttempts(long key) {
    return journal.failures(key);
  }

  /** Runs {@code seeding} while holding an in-flight count, so no early end can finish twice. */
  void seed(Runnable seeding) {
    inFlight.incrementAndGet();
    try {
      seeding.run();
    } finally {
      chainEnded();
    }
  }

  void submit(Frame frame, int task) {
    if (stopping) {
      return; // the runtime closes: the task runs when the workflow is resumed
    }
    inFlight.incrementAndGet();
    if (caller == Thread.currentThread() && firstChain == null) {
      firstChain = () -> drive(frame, task, false, null); // run by the caller once started: runHeld
      return;
    }
    services.pool().runChain(() -> drive(frame, task, false, null));
  }

  /** Whether a commit must be forced to the device before anything depends on it. */
  boolean forcesCommits() {
    return services.commits() != null;
  }

  /**
   * Settles task {@code t} of {@code frame} (acknowledge, then hand its output to its dependents)
   * on a pool thread once the group commit forced what it wrote; no thread waits meanwhile.
   */
  void settleWhenForced(Frame frame, int t, Object out, long producer, Runnable acknowledge) {
    if (stopping) {
      return; // stored; what depends on it runs when the workflow is resumed
    }
    inFlight.incrementAndGet();
    services
        .commits()
        .force(claim)
        .whenComplete(
            (ignored, error) -> {
              if (error != null) {
                fail(frame.name(t), error);
                chainEnded();
                return;
              }
              if (stopping) {
                chainEnded();
                return;
              }
              services
                  .pool()
                  .runChain(
                      () -> {
                        Cursor cursor = new Cursor();
                        cursor.settle(frame, t, out, producer, acknowledge);
                        drive(null, -1, false, cursor);
                      });
            });
  }

  /** Forces everything this run wrote to the device, when the storage promises that. */
  void forceNow() {
    if (services.commits() != null) {
      try {
        services.commits().force(claim).join();
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
      }
    }
  }

  /** Resolves continuation task {@code p} of {@code frame} on a pool thread. */
  void submitResolve(Frame frame, int p, Object value, long producer) {
    if (stopping) {
      return;
    }
    inFlight.incrementAndGet();
    services
        .pool()
        .runChain(
            () -> {
              Cursor cursor = new Cursor();
              cursor.resolve(frame, p, value, producer);
              drive(null, -1, false, cursor);
            });
  }

  /** Runs a task, then keeps going wherever the cursor points, on this thread. */
  private void drive(Frame first, int firstTask, boolean resourcesHeld, Cursor start) {
    if (!gate.enter()) {
      return; // abandoned by a stop before this chain began
    }
    boolean inStorage = true;
    int slot = journal.takeSlot();
    Thread thread = Thread.currentThread();
    stepThreads.add(thread);
    try {
      Cursor cursor = start != null ? start : new Cursor();
      if (start == null) {
        cursor.run(first, firstTask);
      }
      boolean held = resourcesHeld;
      while (cursor.frame != null && !failure.isSet() && !stopping) {
        Frame frame = cursor.frame;
        int t = cursor.task;
        if (cursor.mode != Cursor.Mode.RUN) {
          Object value = cursor.value;
          long producer = cursor.producer;
          boolean throughOutput = cursor.throughOutput;
          Runnable acknowledge = cursor.acknowledge;
          boolean resolve = cursor.mode == Cursor.Mode.RESOLVE;
          cursor.clear();
          if (resolve) {
            frame.resolve(t, value, producer, throughOutput, cursor);
          } else {
            frame.settle(t, value, producer, acknowledge, cursor);
          }
          continue;
        }
        cursor.clear();
        if (frame.dead) {
          break;
        }
        TaskOptions options = frame.plan().taskOptions[t];
        if (!held && options.needsResources()) {
          inFlight.incrementAndGet();
          if (!services
              .resources()
              .acquire(ResourcePool.demandOf(options), () -> startHolding(frame, t))) {
            break; // started by the pool once the resources are free
          }
          inFlight.decrementAndGet();
        }
        held = false;
        if (!frame.runTask(t, slot, cursor)) {
          inStorage = false; // a stop abandoned the run while the step's code ran
          break;
        }
      }
    } catch (SimulatedCrash crash) {
      // the runtime died here: this thread writes nothing more
    } finally {
      stepThreads.remove(thread);
      Thread.interrupted(); // a cancel's interrupt must not leak into the pool thread's next task
      if (inStorage && services.death().isDead()) {
        gate.exit(); // a dead runtime leaves its in-flight journal as it is
      } else if (inStorage) {
        try {
          journal.giveSlot(slot);
        } catch (RuntimeException e) {
          fail("(in-flight journal)", e); // the chain still ends: nothing may wait for it forever
        } finally {
          chainEnded();
          gate.exit();
        }
      }
    }
  }

  /** Whether the test kit's hooks are installed: each call site checks this first. */
  boolean hooked() {
    return services.hooks() != null;
  }

  /**
   * Calls the installed hooks (check {@link #hooked} first); a {@link SimulatedCrash} they throw
   * kills the runtime before it is thrown on.
   */
  void hook(java.util.function.Consumer<RunHooks> call) {
    try {
      call.accept(services.hooks());
    } catch (SimulatedCrash crash) {
      services.death().die();
      throw crash;
    }
  }

  /**
   * The runtime died of a {@link SimulatedCrash}: the run stops as its process would have, writing
   * nothing (not even that its attempts ended), and its callers get a {@link
   * WorkflowStoppedException}.
   */
  void crash() {
    stopping = true;
    timers.dropAll();
    events.cancelAll();
    gate.abandon();
    if (ended.compareAndSet(false, true)) {
      taskWaiters.values().forEach(waiter -> waiter.complete(null));
      failWith(
          new WorkflowStoppedException(
              workflowId, "its runtime died of a crash injected by a test"));
    }
  }

  /** See {@link StorageGate#enter}. */
  boolean enterStorage() {
    return gate.enter();
  }

  /** See {@link StorageGate#leave}. */
  void leaveStorage() {
    gate.leave();
    // A cancel interrupts the threads it finds in step code. One that enters step code after the
    // cancel looked interrupts itself: else its step would run on uninterrupted, and a step that
    // waits for something would keep the run, and whoever waits for the cancel, from ending.
    interruptIfCanceled();
  }

  /** Interrupts this thread, in step code, if the run was canceled (again, if a call took it). */
  void interruptIfCanceled() {
    if (failure.isCancel()) {
      Thread.currentThread().interrupt();
    }
  }

  /** See {@link StorageGate#returnFromStep}. */
  boolean returnToStorage() {
    return gate.returnFromStep();
  }

  /**
   * Cancels the run: no task starts any more, running steps are interrupted, timers are dropped,
   * and the run ends CANCELED once its running steps have returned.
   */
  void cancel() {
    fail(
        "(canceled)", new WorkflowCancelledException("workflow '" + workflowId + "' was canceled"));
    gate.interruptSteps();
    for (int dropped = timers.dropAll(); dropped > 0; dropped--) {
      chainEnded(); // the count the timer held
    }
    events.cancelAll();
    inFlight.incrementAndGet();
    chainEnded(); // ends the run now if nothing is in flight
  }

  /**
   * Runs {@code action} once {@code delayMillis} of the runtime's clock passed (a sleep, a
   * backoff), holding an in-flight count.
   */
  void schedule(Runnable action, long delayMillis) {
    schedule(action, delayMillis, services.clock());
  }

  /**
   * Runs {@code action} after {@code delayMillis} of real time (a poll), like {@link #schedule}.
   */
  void poll(Runnable action, long delayMillis) {
    schedule(action, delayMillis, WorkflowClock.system());
  }

  private void schedule(Runnable action, long delayMillis, WorkflowClock clock) {
    if (stopping || failure.isSet()) {
      return; // a sleep or a poll: the workflow waits again when it is resumed; a failed run ends
    }
    inFlight.incrementAndGet();
    timers.schedule(
        () -> {
          try {
            action.run();
          } finally {
            chainEnded();
          }
        },
        delayMillis,
        clock);
    // A cancel (or failure) that came after the check above may have dropped the timers before
    // this one was added: drop it now, or the run would wait for it to fire (an hour's sleep).
    if (failure.isSet()) {
      for (int dropped = timers.dropAll(); dropped > 0; dropped--) {
        chainEnded();
      }
    }
  }

  /**
   * Starts a task whose resources were taken for it while it waited; its chain uses the in-flight
   * count taken when it began to wait.
   */
  private void startHolding(Frame frame, int task) {
    if (stopping) {
      chainEnded();
      return;
    }
    services.pool().runChain(() -> drive(frame, task, true, null));
  }

  /**
   * Begins a graceful stop (the runtime closes): no task starts any more, and timers and event
   * polls are dropped; steps already running may finish, and their outputs are committed.
   */
  void beginStop() {
    stopping = true;
    timers.dropAll();
    events.cancelAll();
  }

  /** Whether the runtime closes: no step starts any more. */
  boolean isStopping() {
    return stopping;
  }

  /** Whether a step of this run is running (or a thread of it is between two steps). */
  boolean hasRunningSteps() {
    return !stepThreads.isEmpty();
  }

  /**
   * Ends a graceful stop once its grace period is over: steps still running are interrupted and
   * whatever they do from now on is dropped. Once no thread of the run touches its storage, the
   * journal's slots are cleared (an attempt cut short by a stop is not a failed attempt), the claim
   * is released, so the workflow reads RESUMABLE, and its callers get a {@link
   * WorkflowStoppedException}. A run that ended meanwhile is left as it ended.
   */
  void finishStop() {
    gate.abandon();
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    try {
      journal.clearSlots();
    } catch (RuntimeException e) {
      // the next run counts those attempts as failed ones: safe, only less generous
    }
    end();
    RunEvents.workflowEnded(this, startMillis, WorkflowStatus.RUNNING, null);
    failWith(new WorkflowStoppedException(workflowId));
  }

  /** Counts a failed attempt durably, then runs the task again after {@code delayMillis}. */
  void scheduleRetry(Frame frame, int t, int attempt, long delayMillis, boolean crashed) {
    journal.failed(frame.key(t), attempt, crashed);
    if (delayMillis <= 0) {
      submit(frame, t);
    } else {
      schedule(() -> submit(frame, t), delayMillis);
    }
  }

  /** The stored value of a task: its output, or what its continuation resolved to. */
  Object readValue(long taskKey) {
    return Records.value(claim, taskKey);
  }

  /**
   * Serializes and stores {@code value}; {@code tag >= 0} is written before it (final records).
   * Returns how many bytes were stored.
   */
  int writeValue(long storeKey, Object value, long startMillis, long endMillis, int tag) {
    return Records.write(claim, storeKey, value, startMillis, endMillis, tag);
  }

  /** Wakes whoever waits for this task's output. */
  void taskCompleted(Frame frame, int t) {
    if (!taskWaiters.isEmpty()) {
      CompletableFuture<Void> waiter = taskWaiters.remove(frame.name(t));
      if (waiter != null) {
        waiter.complete(null);
      }
    }
  }

  /** Completes when the task named {@code taskId} has an output, or when the run ends. */
  CompletableFuture<Void> awaitTask(String taskId) {
    CompletableFuture<Void> waiter =
        taskWaiters.computeIfAbsent(taskId, k -> new CompletableFuture<>());
    try {
      long key = names.keyOf(taskId);
      if (key >= 0 && Records.hasValue(claim, key)) {
        waiter.complete(null);
      }
    } catch (RuntimeException e) {
      if (!hasEnded()) {
        throw e;
      } // the run ended and released its claim: the caller reads from storage
    }
    if (hasEnded()) {
      waiter.complete(null);
    }
    return waiter;
  }

  /** Fails the run (first failure wins); it ends once nothing is in flight. */
  void fail(String task, Throwable e) {
    fail(task, "", e);
  }

  /**
   * Fails the run with a step's failure, saying how the task spent its attempts. The first failure
   * drops the run's timers (a durable sleep, a backoff, a poll beside the failed step), as a cancel
   * does: the run ends once the steps running now return, not when a sleep would have woken.
   */
  void fail(String task, String attempts, Throwable e) {
    boolean first = !failure.isSet();
    failure.set(task, attempts, e);
    if (first && !failure.isCancel()) { // a cancel drops them itself
      for (int dropped = timers.dropAll(); dropped > 0; dropped--) {
        chainEnded(); // the count the timer held; the failing chain still holds its own
      }
      events.cancelAll();
    }
  }

  /** Counts one more chain in flight: the run cannot end before {@link #chainEnded}. */
  void chainStarted() {
    inFlight.incrementAndGet();
  }

  /** A chain in flight ended; the last one ends a failed run. */
  void chainEnded() {
    if (inFlight.decrementAndGet() == 0 && failure.isSet() && !result.isDone()) {
      finishWithFailure();
    }
  }

  /** The workflow's output is known: record success and complete. */
  void finish(Object out) {
    if (!ended.compareAndSet(false, true)) {
      throw new IllegalStateException("workflow '" + workflowId + "' finished twice");
    }
    long now = services.clock().millis();
    try {
      StatusRecord status = claim.status().read();
      if (status.status() != WorkflowStatus.SUCCESSFUL) {
        claim.status().write(status.next(WorkflowStatus.SUCCESSFUL, null, now));
      }
    } catch (RuntimeException e) {
      end();
      RunEvents.workflowEnded(this, startMillis, WorkflowStatus.RUNNING, e);
      failWith(e);
      return;
    }
    end();
    RunEvents.workflowFinished(this, startMillis, now);
    callers.complete(out);
    result.complete(out);
  }

  private void failWith(Throwable e) {
    callers.completeExceptionally(e);
    result.completeExceptionally(e);
  }

  private void finishWithFailure() {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    Throwable thrown = failure.thrown();
    WorkflowStatus status = failure.status();
    // A storage failure leaves the status RUNNING, with its reason: with the claim gone it reads
    // as RESUMABLE, and a resume once the storage is fixed goes on from the last commit. If the
    // status cannot be written (the device may be full), the reason stays in the exception.
    try {
      claim
          .status()
          .write(
              claim
                  .status()
                  .read()
                  .next(
                      status,
                      status == WorkflowStatus.CANCELED ? null : thrown.getMessage(),
                      status == WorkflowStatus.RUNNING ? 0 : services.clock().millis()));
    } catch (RuntimeException e) {
      thrown.addSuppressed(e);
    }
    end();
    RunEvents.workflowEnded(this, startMillis, status, thrown);
    failWith(thrown);
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
