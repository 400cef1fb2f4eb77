package dev.waymark.internal;

import dev.waymark.WorkflowInfo;
import dev.waymark.WorkflowStatus;
import dev.waymark.internal.storage.StatusRecord;
import dev.waymark.internal.storage.Storage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Resumes what a dead process left: every RESUMABLE workflow, and FAILED ones on request. */
final class Recovery {
  private Recovery() {}

  /**
   * Resumes every RESUMABLE workflow of the storage (those that were running before those that were
   * pending), and the FAILED ones too when {@code includeFailed}, through {@code resume}. Returns
   * their results by id, in the order they were resumed; a workflow that could not be resumed has a
   * failed future.
   */
  static Map<String, CompletableFuture<Object>> resumeAll(
      WorkflowQueries queries,
      Storage store,
      Function<String, CompletableFuture<Object>> resume,
      boolean includeFailed) {
    List<String> wasRunning = new ArrayList<>();
    List<String> wasPending = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (WorkflowInfo info : queries.list()) {
      String id = info.workflowId();
      WorkflowStatus status = info.status();
      if (status == WorkflowStatus.RESUMABLE) {
        StatusRecord recorded = store.readStatus(id);
        (recorded != null && recorded.status() == WorkflowStatus.PENDING ? wasPending : wasRunning)
            .add(id);
      } else if (status == WorkflowStatus.FAILED && includeFailed) {
        failed.add(id);
      }
    }
    Map<String, CompletableFuture<Object>> results = new LinkedHashMap<>();
    for (List<String> group : List.of(wasRunning, wasPending, failed)) {
      for (String id : group) {
        try {
          results.put(id, resume.apply(id));
        } catch (RuntimeException e) {
          results.put(id, CompletableFuture.failedFuture(e));
        }
      }
    }
    return results;
  }
}
