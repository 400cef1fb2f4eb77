package dev.waymark.internal.storage;

import dev.waymark.ClusterOptions;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;

/**
 * The storage of a member of a cluster: what every member sees, kept by the cluster, over this
 * member's own storage. A workflow is driven by one member at a time, the one that owns its
 * partition when it starts; a run asked of another member is {@linkplain #forward forwarded} there.
 * When a driver's member leaves, the member that owns the workflow's partition then takes it over
 * ({@link Driver#resume}).
 */
public interface ClusteredStorage extends Storage {

  /** Whether this member is the one to drive {@code workflowId} now (it owns its partition). */
  boolean drivesHere(String workflowId);

  /**
   * Has the member that owns {@code workflowId} run it: a new workflow of the encoded {@code dag},
   * or, when {@code dag} is null, a stored one resumed. Throws what that member's admission threw
   * (the id runs already, the DAG differs from the recorded one, ...).
   *
   * @return completed once the workflow has ended (SUCCESSFUL, FAILED or CANCELED)
   */
  CompletableFuture<Void> forward(String workflowId, byte[] dag);

  /**
   * Whether the cluster has a quorum of members and every record all its backups now (no migration
   * under way).
   */
  boolean safe();

  /** The addresses ({@code host:port}) of the cluster's members now, this one included. */
  java.util.List<String> members();

  /** Gives the member the runtime that runs what is forwarded to it and what it takes over. */
  void serve(Driver driver);

  /** Whether this member has others run steps when its own slots are taken ({@link #lend}). */
  boolean spreadsSteps();

  /**
   * Has another member that may have a step slot free run a step: {@code call}, made once a member
   * was chosen, goes to its {@link Driver#runLent}, whose answer the future completes with. Null
   * when no other member may have one: each is lent at most as many steps at once as this member
   * has slots. The future fails when the member left before it answered.
   */
  CompletableFuture<byte[]> lend(java.util.function.Supplier<byte[]> call);

  /** The first byte of an answer of {@link Driver#runLent}: the member had no slot free. */
  byte BUSY = 2;

  /** How {@link #lend}'s future fails when the member running the step left before it answered. */
  final class MemberLeft extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MemberLeft(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** What a member's runtime does for the cluster. */
  interface Driver {
    /** Runs a new workflow of the encoded {@code dag}, or resumes a stored one when null. */
    void start(String workflowId, byte[] dag);

    /** Runs a step another member lent this one, if a slot is free, and answers what it did. */
    byte[] runLent(byte[] call);

    /** How many steps this member's runtime runs at once. */
    int parallelism();
  }

  /** Joins a cluster: the implementation the class path provides (the module waymark-cluster). */
  interface Provider {
    ClusteredStorage join(ClusterOptions options, Storage local);
  }

  /**
   * Joins the cluster of {@code options} over {@code local}.
   *
   * @throws IllegalStateException when no cluster implementation is on the class path
   */
  static ClusteredStorage join(ClusterOptions options, Storage local) {
    for (Provider provider : ServiceLoader.load(Provider.class)) {
      return provider.join(options, local);
    }
    throw new IllegalStateException(
        "Waymark.builder().cluster(..) needs the module dev.waymark:waymark-cluster on the class"
            + " path; add it as a dependency");
  }
}
