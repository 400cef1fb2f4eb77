package dev.waymark.internal;

import dev.waymark.Durability;
import dev.waymark.WorkflowStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Durable storage of workflows. Everything the engine persists goes through this interface; {@link
 * ChronicleCheckpointStore} is the implementation, with Chronicle Map files for step outputs.
 *
 * <p>A workflow's files may only be written by the one process that has {@linkplain #claim claimed}
 * it; the claim is an OS file lock, so it ends with the process however that process ends.
 */
public interface CheckpointStore extends AutoCloseable {

  /** The directory the store lives in. */
  Path root();

  /**
   * What a record written through a claim survives: {@link Durability#POWER_LOSS} once {@link
   * Claim#force} returned; otherwise the death of the process.
   */
  Durability durability();

  /**
   * Takes the exclusive claim on {@code workflowId}, creating its directory if {@code create}.
   *
   * @return the claim, or null when the workflow does not exist and {@code create} is false
   * @throws dev.waymark.WorkflowStillActiveException when this or another process holds it
   */
  Claim claim(String workflowId, boolean create);

  /** Whether some process (this one included) holds the claim on {@code workflowId} now. */
  boolean isClaimed(String workflowId);

  /** The recorded status, or null when no workflow with a recorded DAG has this id. */
  StatusRecord readStatus(String workflowId);

  /**
   * Leaves an event for {@code workflowId} under {@code key}, atomically, without a claim: any
   * process may send while another runs the workflow.
   */
  void postEvent(String workflowId, String key, byte[] payload);

  /**
   * The recorded DAG of {@code workflowId}, or null; readable without a claim, as it never changes
   * once recorded.
   */
  byte[] readDag(String workflowId);

  /**
   * The type a running wait of {@code workflowId} expects for the event {@code key}, as the waiting
   * task recorded it, or null when no wait recorded one.
   */
  String readEventExpectation(String workflowId, String key);

  /** Asks the process running {@code workflowId} to cancel it (it polls for this). */
  void requestCancel(String workflowId);

  /** Whether a cancel was requested for {@code workflowId}; the request is consumed. */
  boolean takeCancelRequest(String workflowId);

  /** The ids of every stored workflow, sorted. */
  List<String> workflowIds();

  @Override
  void close();

  /**
   * A workflow's recorded status, why when FAILED (else null), when it first started, and when its
   * latest run started and ended (epoch milliseconds; 0 when it has not ended).
   */
  record StatusRecord(
      WorkflowStatus status,
      String error,
      long firstStartMillis,
      long startMillis,
      long endMillis) {

    /** A workflow's first status, started {@code now}. */
    static StatusRecord first(WorkflowStatus status, long now) {
      return new StatusRecord(status, null, now, now, 0);
    }

    /** The same record with another status, error and end time, keeping the starts. */
    StatusRecord next(WorkflowStatus status, String error, long endMillis) {
      return new StatusRecord(status, error, firstStartMillis, startMillis, endMillis);
    }

    /** A new run of the workflow, started {@code now}: RUNNING, no error, not ended. */
    StatusRecord restarted(long now) {
      return new StatusRecord(WorkflowStatus.RUNNING, null, firstStartMillis, now, 0);
    }
  }

  /**
   * A stored output: {@code length} bytes of {@code bytes} from {@code offset}, when the attempt
   * that produced it started and ended (epoch milliseconds), and the file it was read from.
   */
  record Payload(
      byte[] bytes, int offset, int length, long startMillis, long endMillis, Path file) {}

  /** Exclusive access to one workflow's files, held until closed. */
  interface Claim extends AutoCloseable {

    String workflowId();

    /** Where the workflow's files are, for messages. */
    Path directory();

    /** The recorded DAG, or null when none was recorded yet. */
    byte[] readDag();

    /** Records the DAG atomically: a reader sees all of it or none. */
    void writeDag(byte[] dag);

    /** The recorded status, or null before the DAG was recorded. */
    StatusRecord readStatus();

    /** Replaces the status atomically. */
    void writeStatus(StatusRecord status);

    /** A sizing hint, given before the first record is read or written. */
    void expectRecords(long count);

    /** Whether a record is stored under {@code key}. */
    boolean contains(long key);

    /**
     * The record stored under {@code key}, verified against its checksum; null if there is none.
     *
     * @throws dev.waymark.CheckpointCorruptedException when the stored bytes are damaged
     */
    Payload read(long key);

    /**
     * Stores a record (a step output, a continuation, a link, a name) under {@code key} with the
     * times of the attempt that made it, atomically: after a crash it is either whole or absent.
     */
    void write(long key, long startMillis, long endMillis, byte[] bytes, int offset, int length);

    /**
     * Forces every record written or removed so far to the device: when this returns, they survive
     * an operating-system crash or a power loss. Without it they survive the death of the process
     * only.
     */
    void force();

    /** The event left under {@code key}, or null when none arrived yet. */
    byte[] readEvent(String key);

    /** Removes a consumed (or refused) event, and the expectation recorded for it. */
    void deleteEvent(String key);

    /** Records that a task waits for the event {@code key}, of type {@code typeName}. */
    void expectEvent(String key, String typeName);

    /** Removes the record under {@code key}, if any. */
    void delete(long key);

    /**
     * The attempts that were running when the process holding this workflow before died: task key
     * to attempt number. Read when first asked, before the journal is reused.
     */
    Map<Long, Integer> interruptedAttempts();

    /** How many in-flight slots the journal has (each running task chain uses one). */
    int inFlightSlots();

    /**
     * Notes, in a way that survives the death of this process, that {@code task} runs its attempt
     * number {@code attempt} in {@code slot}. Cheap: stores into a memory-mapped file.
     */
    void markInFlight(int slot, long task, int attempt);

    /** Empties a slot. */
    void clearInFlight(int slot);

    /** The number of failed attempts recorded per task key (tasks without any are absent). */
    Map<Long, Integer> readFailedAttempts();

    /** Replaces the recorded failed attempts, atomically. */
    void writeFailedAttempts(Map<Long, Integer> attempts);

    /**
     * Keeps the text of a step's shape under its hash, storage-wide and once: a later run of a
     * workflow that recorded the hash compares it with the code it runs then.
     */
    void recordShape(long hash, String text);

    /** The shape text kept under {@code hash}, or null when none was kept. */
    String readShape(long hash);

    /** Deletes every file of the workflow; the claim ends. */
    void deleteAll();

    /** Releases the claim. */
    @Override
    void close();
  }
}
