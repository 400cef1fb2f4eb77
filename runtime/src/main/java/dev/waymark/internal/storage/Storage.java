package dev.waymark.internal.storage;

import dev.waymark.Durability;
import dev.waymark.WorkflowStatus;
import java.nio.file.Path;
import java.util.List;

/**
 * The one door to durable storage: everything the engine persists or reads back goes through this
 * interface and the {@link WorkflowStore} a claim returns. There are two layouts, both with
 * Chronicle Map files for task values ({@link Storages} opens the right one): {@link
 * ChronicleStorage}, a directory per workflow, and {@link SegmentStorage}, many workflows per
 * segment.
 *
 * <p>A workflow's records may only be written by the one process that has {@linkplain #claim
 * claimed} it; the claim rests on an OS file lock (the workflow's, or its segment's), so it ends
 * with the process however that process ends. What other processes may do without a claim is here:
 * read statuses and DAGs, list, post events and cancel requests.
 */
public interface Storage extends AutoCloseable {

  /** The directory the storage lives in. */
  Path root();

  /**
   * What a record written through a claim survives: {@link Durability#POWER_LOSS} once {@link
   * WorkflowStore.Values#force} returned; otherwise the death of the process.
   */
  Durability durability();

  /**
   * Takes the exclusive claim on {@code workflowId}, creating its place if {@code create}.
   *
   * @return the claimed workflow, or null when it does not exist and {@code create} is false
   * @throws dev.waymark.exceptions.WorkflowStillActiveException when this or another process holds
   *     it
   */
  WorkflowStore claim(String workflowId, boolean create);

  /**
   * A workflow to read, not to write, while no run of it is under way in this process: a short
   * claim, or where another live process holds the workflow, a view that asks that process.
   *
   * @return the workflow, or null when it does not exist
   * @throws dev.waymark.exceptions.WorkflowStillActiveException when it cannot be read now
   */
  default WorkflowStore view(String workflowId) {
    return claim(workflowId, false);
  }

  /** Whether some process (this one included) holds the claim on {@code workflowId} now. */
  boolean isClaimed(String workflowId);

  /** The recorded status, or null when no workflow with a recorded DAG has this id. */
  StatusRecord readStatus(String workflowId);

  /**
   * The recorded DAG of {@code workflowId}, or null; readable without a claim, as it never changes
   * once recorded.
   */
  Payload readDag(String workflowId);

  /** The ids of every stored workflow, sorted. */
  List<String> workflowIds();

  /** A stored workflow's id and recorded status. */
  record Listed(String id, WorkflowStatus status) {}

  /** Every stored workflow with its recorded status, sorted by id. */
  default List<Listed> statuses() {
    List<Listed> all = new java.util.ArrayList<>();
    for (String id : workflowIds()) {
      StatusRecord status = readStatus(id);
      if (status != null) { // else deleted meanwhile
        all.add(new Listed(id, status.status()));
      }
    }
    return all;
  }

  /**
   * Leaves an event for {@code workflowId} under {@code key}, atomically, without a claim: any
   * process may send while another runs the workflow.
   */
  void postEvent(String workflowId, String key, byte[] payload);

  /**
   * The type a running wait of {@code workflowId} expects for the event {@code key}, as the waiting
   * task recorded it, or null when no wait recorded one.
   */
  String readEventExpectation(String workflowId, String key);

  /** Asks the process running {@code workflowId} to cancel it (it polls for this). */
  void requestCancel(String workflowId);

  /** Whether a cancel was requested for {@code workflowId}; the request is consumed. */
  boolean takeCancelRequest(String workflowId);

  /**
   * Whether {@code workflowId} is held by another live process (or runtime) that will not let it go
   * while it lives: what that process is asked (cancel, events) goes through the storage.
   */
  default boolean ownedElsewhere(String workflowId) {
    return false;
  }

  /**
   * The time, in epoch milliseconds, that the storage stamps on what it writes of itself (a cancel
   * recorded for a workflow no run holds); the system clock until the runtime sets its own.
   */
  default void useClock(java.util.function.LongSupplier millis) {}

  /** The storage-wide catalogue of step shapes. */
  Shapes shapes();

  /**
   * Step shapes by hash, kept once per storage: a later run of a workflow that recorded a hash
   * compares the kept text with the code it runs then.
   */
  interface Shapes {
    /** Keeps the text of a step's shape under its hash, once. */
    void record(long hash, String text);

    /** The shape text kept under {@code hash}, or null when none was kept. */
    String read(long hash);
  }

  /**
   * Lets go of the storage as a killed process would, after the runtime died of a crash a test
   * injected: its locks are released, nothing is written and nothing is closed cleanly, so the next
   * runtime on it recovers what this one left.
   *
   * @throws UnsupportedOperationException in the former layout, a directory per workflow
   */
  default void abandon() {
    throw new UnsupportedOperationException(
        "a crash injected in this JVM needs the segment layout, the default; this storage is in"
            + " the former layout (-Dwaymark.storage.layout=directories)");
  }

  @Override
  void close();
}
