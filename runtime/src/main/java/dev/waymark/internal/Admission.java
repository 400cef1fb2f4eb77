package dev.waymark.internal;

import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowNotResumableException;
import dev.waymark.exceptions.WorkflowQueueFullException;
import dev.waymark.exceptions.WorkflowStillActiveException;
import dev.waymark.exceptions.WorkflowStoppedException;
import dev.waymark.internal.storage.StatusRecord;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.WorkflowStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets workflows in: claims a workflow, checks what is recorded under its id against what is asked,
 * records a new workflow's DAG before its first step, and starts it at once or queues it PENDING
 * (within {@code maxRunning} and {@code maxPending}); when a run ends, its slot goes to the oldest
 * pending workflow.
 *
 * <p>A new workflow started by {@code runAsync} is launched by a pool thread, which also runs its
 * first chain of steps: the caller's thread only records it. So a burst of runs keeps no execution
 * for the runs the pool has not reached yet (a few objects each instead of a run's whole state,
 * which the garbage collector would copy while they wait). Until a pool thread launches it, such a
 * workflow is RUNNING as recorded and claimed by this process.
 */
final class Admission {
  private final Storage store;
  private final Services services;
  private final Map<String, Execution> active;
  private final Map<String, Queued> queued = new ConcurrentHashMap<>();

  /** The runs started by {@code runAsync} that wait for a pool thread to launch them. */
  private final Map<String, Queued> launching = new ConcurrentHashMap<>();

  private final ArrayDeque<Queued> queue = new ArrayDeque<>();
  private final int maxRunning;
  private final int maxPending;
  private int running;
  private boolean closed;

  /** A workflow admitted but not started: its DAG is recorded and its claim held. */
  record Queued(
      String workflowId,
      Plan plan,
      boolean fresh,
      WorkflowStore claim,
      CompletableFuture<Object> result) {}

  Admission(
      Storage store,
      Services services,
      Map<String, Execution> active,
      int maxRunning,
      int maxPending) {
    this.store = store;
    this.services = services;
    this.active = active;
    this.maxRunning = maxRunning;
    this.maxPending = maxPending;
  }

  /** Whether {@code workflowId} waits PENDING in this process. */
  boolean isPending(String workflowId) {
    return queued.containsKey(workflowId);
  }

  /** The ids waiting PENDING in this process. */
  List<String> pending() {
    return List.copyOf(queued.keySet());
  }

  /**
   * Starts {@code workflowId}: with {@code newPlan} (run) a new id records it and a known id must
   * have recorded the same DAG; without (resume) the recorded DAG continues. With {@code here} (the
   * caller waits for the result anyway) this thread runs the first chain of steps when it starts at
   * once.
   */
  CompletableFuture<Object> start(String workflowId, Plan newPlan, boolean create, boolean here) {
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("this Waymark runtime is closed; open another one");
      }
    }
    if (active.containsKey(workflowId)
        || queued.containsKey(workflowId)
        || launching.containsKey(workflowId)) {
      throw new WorkflowStillActiveException(
          "workflow '" + workflowId + "' is running or pending in this process");
    }
    synchronized (this) {
      if (running >= maxRunning && queue.size() >= maxPending) {
        throw queueFull(workflowId); // before anything is recorded
      }
    }
    WorkflowStore claim = store.claim(workflowId, create);
    if (claim == null) {
      throw WorkflowQueries.notFound(workflowId);
    }
    Queued admitted = null;
    boolean now = false;
    try {
      StatusRecord status = claim.status().read();
      Plan plan;
      boolean fresh = status == null;
      if (fresh) {
        if (newPlan == null) {
          throw WorkflowQueries.notFound(workflowId);
        }
        plan = newPlan;
      } else {
        if (status.status() == WorkflowStatus.CANCELED) {
          throw new WorkflowNotResumableException(
              "workflow '" + workflowId + "' was canceled; it cannot run again");
        }
        plan = WorkflowQueries.recordedPlan(claim);
        if (newPlan != null) {
          PlanDifference.check(workflowId, plan, newPlan);
        }
        if (status.status() != WorkflowStatus.SUCCESSFUL) {
          services.resources().checkFits(plan);
        }
      }
      Queued run = new Queued(workflowId, plan, fresh, claim, new CompletableFuture<>());
      synchronized (this) {
        if (running < maxRunning) {
          running++;
          now = true;
        } else if (queue.size() < maxPending) {
          queue.add(run);
          queued.put(workflowId, run);
        } else {
          throw queueFull(workflowId);
        }
      }
      admitted = run;
      if (fresh) {
        SignatureCheck.keepShapes(claim, plan);
        claim.begin(
            plan.dag(),
            StatusRecord.first(
                now ? WorkflowStatus.RUNNING : WorkflowStatus.PENDING, services.clock().millis()));
      } else if (!now && status.status() != WorkflowStatus.SUCCESSFUL) {
        claim.status().write(status.next(WorkflowStatus.PENDING, null, 0));
      }
      if (now) {
        admitted = null; // launch answers for the slot and the claim from here on
        return fresh && !here ? launchOnPool(run) : launch(run, here, false);
      }
      return run.result();
    } catch (RuntimeException | Error e) {
      if (admitted != null && now) {
        release(); // admitted, then failed to record: the slot goes back
      } else if (admitted != null) {
        synchronized (this) {
          queue.remove(admitted);
          queued.remove(workflowId, admitted);
        }
      }
      claim.close();
      throw e;
    }
  }

  private static WorkflowQueueFullException queueFull(String workflowId) {
    return new WorkflowQueueFullException(
        "cannot accept workflow '"
            + workflowId
            + "': the maximum of running and of pending workflows is reached; retry later or raise"
            + " Waymark.builder().maxRunning(..) / maxPending(..)");
  }

  /** Has a pool thread launch a new workflow that has its running slot; returns its result. */
  private CompletableFuture<Object> launchOnPool(Queued run) {
    launching.put(run.workflowId(), run);
    launchOnPoolThread(run, true);
    return run.result();
  }

  /** Has a pool thread launch {@code run}, and run its first chain too. */
  private void launchOnPoolThread(Queued run, boolean deferred) {
    services
        .pool()
        .execute(
            () -> {
              try {
                launch(run, true, deferred);
              } catch (RuntimeException | Error e) {
                // reported through the workflow's result
              }
            });
  }

  /**
   * Starts a workflow that has its running slot; returns its result, once this thread ran the first
   * chain of steps when {@code here}. A run {@code deferred} to a pool thread is launched only when
   * a close did not take it back meanwhile.
   */
  private CompletableFuture<Object> launch(Queued run, boolean here, boolean deferred) {
    String workflowId = run.workflowId();
    Execution execution = null;
    boolean mine = !deferred; // until it is active, a cancel or a close may take a deferred run
    try {
      run.claim().values().expectRecords(run.plan().taskCount());
      execution =
          new Execution(
              workflowId, run.plan(), run.claim(), services, () -> ended(workflowId), run.result());
      if (!activate(run, execution, deferred)) {
        return run.result(); // taken back meanwhile: the cancel or the close answered for it
      }
      mine = true;
      // The status says RUNNING only once the recorded DAG proved runnable by this code: a
      // workflow refused here keeps the status it had.
      execution.start(run.fresh(), () -> markRunning(run.claim(), run.fresh()), here);
    } catch (RuntimeException | Error e) {
      if (!mine && !launching.remove(workflowId, run)) {
        throw e; // taken back meanwhile (its claim closed under it): answered for already
      }
      if (execution == null || !execution.hasEnded()) {
        active.remove(workflowId);
        release(); // the run did not end, so it did not give its slot back
      }
      run.claim().close();
      run.result().completeExceptionally(e);
      throw e;
    }
    execution.runHeld();
    return run.result();
  }

  /**
   * Puts {@code execution} among the active runs; one {@code deferred} to a pool thread only while
   * it waits to be launched (a close takes it back under this monitor, then looks at the active
   * runs).
   */
  private boolean activate(Queued run, Execution execution, boolean deferred) {
    if (!deferred) {
      active.put(run.workflowId(), execution);
      return true;
    }
    synchronized (this) {
      if (!launching.remove(run.workflowId(), run)) {
        return false;
      }
      active.put(run.workflowId(), execution);
      return true;
    }
  }

  /**
   * Records that the workflow runs from now on, unless it finished already or was canceled while it
   * started; a fresh workflow recorded as running a moment ago is left as it is.
   */
  private void markRunning(WorkflowStore claim, boolean fresh) {
    StatusRecord status = claim.status().read();
    if (status.status() == WorkflowStatus.SUCCESSFUL
        || status.status() == WorkflowStatus.CANCELED
        || (fresh && status.status() == WorkflowStatus.RUNNING)) {
      return;
    }
    claim.status().write(status.restarted(services.clock().millis()));
  }

  /** A run ended: its slot goes to the oldest pending workflow. */
  private void ended(String workflowId) {
    active.remove(workflowId);
    release();
  }

  private void release() {
    Queued next;
    synchronized (this) {
      if (closed) {
        return;
      }
      next = queue.poll();
      if (next == null) {
        running--;
        return;
      }
      queued.remove(next.workflowId());
    }
    launchOnPoolThread(next, false);
  }

  /**
   * Takes {@code workflowId} out of the queue, or out of the runs no pool thread launched yet; null
   * when it is neither here.
   */
  Queued withdraw(String workflowId) {
    Queued unlaunched;
    synchronized (this) {
      Queued waiting = queued.remove(workflowId);
      if (waiting != null) {
        queue.remove(waiting);
        return waiting;
      }
      unlaunched = launching.remove(workflowId);
    }
    if (unlaunched != null) {
      release(); // it held a running slot
    }
    return unlaunched;
  }

  /**
   * Admits nothing any more; the pending workflows, and those no pool thread launched yet, release
   * their claims (their status stays PENDING or RUNNING, so they read RESUMABLE) and their callers
   * get a {@link WorkflowStoppedException}.
   */
  void close() {
    List<Queued> waiting;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      waiting = new ArrayList<>(queue);
      waiting.addAll(launching.values());
      queue.clear();
      queued.clear();
      launching.clear();
    }
    for (Queued run : waiting) {
      run.claim().close();
      run.result().completeExceptionally(new WorkflowStoppedException(run.workflowId()));
    }
  }
}
