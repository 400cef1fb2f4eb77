package dev.waymark.internal;

import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowCancelledException;
import dev.waymark.exceptions.WorkflowStillActiveException;
import dev.waymark.internal.storage.StatusRecord;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.WorkflowStore;
import java.util.Map;

/**
 * Cancels workflows: a run here is stopped, a pending one withdrawn, one run by another process is
 * asked through the storage (that process polls for requests, {@link #poll}), and one that runs
 * nowhere is marked CANCELED.
 */
final class Cancellation {
  private final Storage store;
  private final Map<String, Execution> active;
  private final Admission admission;
  private final WorkflowQueries queries;
  private final Services services;

  Cancellation(
      Storage store,
      Map<String, Execution> active,
      Admission admission,
      WorkflowQueries queries,
      Services services) {
    this.store = store;
    this.active = active;
    this.admission = admission;
    this.queries = queries;
    this.services = services;
  }

  /**
   * Cancels a workflow: running steps are interrupted and it ends CANCELED; a pending or
   * interrupted one is marked CANCELED. Its stored checkpoints stay readable. Waits until it
   * stopped. A finished workflow is left as it is.
   */
  void cancel(String workflowId) {
    WorkflowIds.check(workflowId);
    while (true) {
      Execution execution = active.get(workflowId);
      if (execution != null) {
        execution.cancel();
        WorkflowQueries.awaitQuietly(execution.result());
        if (!runsElsewhere(workflowId)) {
          return;
        }
        // The run stopped before it could record the cancel: on a cluster, another member took
        // the workflow over meanwhile. Its new driver is asked, as for any run held elsewhere.
        continue;
      }
      Admission.Queued waiting = admission.withdraw(workflowId);
      if (waiting != null) {
        markCanceled(waiting.claim());
        waiting.claim().close();
        waiting
            .result()
            .completeExceptionally(
                new WorkflowCancelledException("workflow '" + workflowId + "' was canceled"));
        return;
      }
      WorkflowStatus status = queries.status(workflowId);
      if (status == WorkflowStatus.SUCCESSFUL || status == WorkflowStatus.CANCELED) {
        return;
      }
      if (status == WorkflowStatus.RUNNING
          || status == WorkflowStatus.PENDING
          || store.ownedElsewhere(workflowId)) {
        store.requestCancel(workflowId); // the process holding it polls for this
        WorkflowQueries.sleep();
        continue;
      }
      WorkflowStore claim;
      try {
        claim = store.claim(workflowId, false);
      } catch (WorkflowStillActiveException startedMeanwhile) {
        WorkflowQueries.sleep();
        continue;
      }
      if (claim == null) {
        throw WorkflowQueries.notFound(workflowId);
      }
      try {
        markCanceled(claim);
      } finally {
        claim.close();
      }
      return;
    }
  }

  /** Whether the workflow is still running or pending, in another process or on another member. */
  private boolean runsElsewhere(String workflowId) {
    WorkflowStatus status = queries.status(workflowId);
    return status == WorkflowStatus.RUNNING || status == WorkflowStatus.PENDING;
  }

  private void markCanceled(WorkflowStore claim) {
    StatusRecord status = claim.status().read();
    claim.status().write(status.next(WorkflowStatus.CANCELED, null, services.clock().millis()));
  }

  /** Cancels the runs here that another process asked to cancel. */
  void poll() {
    for (Map.Entry<String, Execution> run : active.entrySet()) {
      if (store.takeCancelRequest(run.getKey())) {
        run.getValue().cancel();
      }
    }
    for (String workflowId : admission.pending()) {
      if (store.takeCancelRequest(workflowId)) {
        services.pool().execute(() -> cancel(workflowId));
      }
    }
  }
}
