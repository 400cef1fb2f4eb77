package dev.waymark.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.map.IMap;
import com.hazelcast.spi.exception.RetryableException;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowException;
import dev.waymark.exceptions.WorkflowStillActiveException;
import dev.waymark.exceptions.WorkflowStoppedException;
import dev.waymark.internal.storage.StatusRecord;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The runs this member asked of the members that drive them: each is sent to the member that owns
 * its workflow's partition ({@link Forward}), again when that member left before it answered, and
 * is waited for by polling the statuses of all of them at once.
 */
final class Forwards {
  private final HazelcastInstance member;
  private final IMap<String, WorkflowEntry> workflows;
  private final Map<String, CompletableFuture<Void>> awaited = new ConcurrentHashMap<>();

  Forwards(HazelcastInstance member, IMap<String, WorkflowEntry> workflows) {
    this.member = member;
    this.workflows = workflows;
  }

  /** See {@link dev.waymark.internal.storage.ClusteredStorage#forward}. */
  CompletableFuture<Void> forward(String workflowId, byte[] dag) {
    for (int attempt = 1; ; attempt++) {
      try {
        member
            .getExecutorService(Members.FORWARDS)
            .submitToKeyOwner(new Forward(workflowId, dag), workflowId)
            .get();
        break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WorkflowException("interrupted while sending workflow '" + workflowId + "'", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        boolean lost = cause instanceof MemberLeftException || cause instanceof RetryableException;
        if (lost && attempt < Calls.ATTEMPTS) {
          Calls.pause();
          continue;
        }
        if (attempt > 1 && cause instanceof WorkflowStillActiveException) {
          break; // the first attempt reached its member, or a takeover resumed it: it runs
        }
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new WorkflowException("could not run workflow '" + workflowId + "': " + cause, cause);
      }
    }
    return awaited.computeIfAbsent(workflowId, id -> new CompletableFuture<>());
  }

  /** Completes the runs asked for that have ended, wherever they ran. */
  void pollEnded() {
    if (awaited.isEmpty()) {
      return;
    }
    try {
      Map<String, byte[]> statuses = workflows.executeOnKeys(awaited.keySet(), Read.status());
      for (Map.Entry<String, byte[]> status : statuses.entrySet()) {
        WorkflowStatus now =
            status.getValue() == null ? null : StatusRecord.decode(status.getValue()).status();
        if (now == null || ended(now)) {
          CompletableFuture<Void> ended = awaited.remove(status.getKey());
          if (ended != null) {
            ended.complete(null);
          }
        }
      }
    } catch (RuntimeException e) {
      // a member left or the cluster is below its quorum: the next poll asks again
    }
  }

  private static boolean ended(WorkflowStatus status) {
    return status == WorkflowStatus.SUCCESSFUL
        || status == WorkflowStatus.FAILED
        || status == WorkflowStatus.CANCELED;
  }

  /** Fails the waits of the runs asked for: this member stops. */
  void stop() {
    awaited.forEach(
        (workflowId, ended) ->
            ended.completeExceptionally(
                new WorkflowStoppedException(workflowId, "this member of the cluster stopped")));
  }
}
