package dev.waymark.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IndeterminateOperationStateException;
import com.hazelcast.spi.exception.RetryableException;
import dev.waymark.exceptions.StorageException;
import dev.waymark.exceptions.WorkflowException;
import java.util.function.Supplier;

/** How the cluster is asked again while members come and go. */
final class Calls {
  /** How often an operation is tried while members come and go, 100 ms apart. */
  static final int ATTEMPTS = 50;

  private Calls() {}

  /**
   * Asks the cluster, again while a member's leave leaves the outcome unknown or the partition
   * moving: every operation of this module may be applied twice (a write carries its epoch and
   * whole value; a takeover by the same member is taken again).
   */
  static <T> T retrying(String workflowId, Supplier<T> operation) {
    for (int attempt = 1; ; attempt++) {
      try {
        return operation.get();
      } catch (WorkflowException e) {
        throw e;
      } catch (RuntimeException e) {
        boolean again =
            e instanceof IndeterminateOperationStateException || e instanceof RetryableException;
        if (!again || attempt == ATTEMPTS) {
          throw new StorageException(
              "the cluster could not be asked about workflow '" + workflowId + "': " + e, e);
        }
        pause();
      }
    }
  }

  /**
   * Asks again, 100 ms apart, until the cluster answers (below its quorum, it refuses) or {@code
   * member} shuts down.
   */
  static <T> T untilAnswered(HazelcastInstance member, Supplier<T> operation) {
    while (true) {
      try {
        return operation.get();
      } catch (RuntimeException e) {
        if (!member.getLifecycleService().isRunning()) {
          throw e;
        }
        pause();
      }
    }
  }

  /** Waits before an operation is tried again. */
  static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WorkflowException("interrupted while members of the cluster come and go", e);
    }
  }
}
