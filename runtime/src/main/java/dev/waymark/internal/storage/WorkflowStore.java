package dev.waymark.internal.storage;

import java.util.Map;

/**
 * One claimed workflow's records, held exclusively until closed, one small interface per kind of
 * record: its DAG, its status, its task values, its events and its attempt journal.
 */
public interface WorkflowStore extends AutoCloseable {

  String workflowId();

  /** Where the workflow's records are, for messages. */
  String location();

  Dag dag();

  Status status();

  Values values();

  Events events();

  Attempts attempts();

  /** The storage-wide catalogue of step shapes. */
  Storage.Shapes shapes();

  /**
   * Records a new workflow's DAG and first status, before its first step runs; a storage that can
   * writes both at once, so that a kill leaves both or neither.
   */
  default void begin(byte[] dagBytes, StatusRecord first) {
    dag().write(dagBytes);
    status().write(first);
  }

  /** Deletes every record of the workflow; the claim ends. */
  void deleteAll();

  /** Releases the claim. */
  @Override
  void close();

  /** The recorded DAG: written once, before the first step runs. */
  interface Dag {
    /** The recorded DAG, or null when none was recorded yet. */
    Payload read();

    /** Records the DAG atomically: a reader sees all of it or none. */
    void write(byte[] dag);

    /** The file the DAG is kept in, for messages. */
    java.nio.file.Path file();
  }

  /** The workflow's status record. */
  interface Status {
    /** The recorded status, or null before the DAG was recorded. */
    StatusRecord read();

    /** Replaces the status atomically. */
    void write(StatusRecord status);
  }

  /**
   * Task values under store keys ({@link TaskKeys}): outputs, resolved values, returned DAGs,
   * names, intra-step states, wake-up times and links.
   */
  interface Values {
    /** A sizing hint, given before the first record is read or written. */
    void expectRecords(long count);

    /** Whether a record is stored under {@code key}. */
    boolean contains(long key);

    /**
     * The record stored under {@code key}, verified against its checksum; null if there is none.
     *
     * @throws dev.waymark.exceptions.CheckpointCorruptedException when the stored bytes are damaged
     */
    Payload read(long key);

    /**
     * Stores a record under {@code key} with the times of the attempt that made it, atomically:
     * after a crash it is either whole or absent.
     */
    void write(long key, long startMillis, long endMillis, byte[] bytes, int offset, int length);

    /** Removes the record under {@code key}, if any. */
    void delete(long key);

    /**
     * Forces every record written or removed so far to the device: when this returns, they survive
     * an operating-system crash or a power loss. Without it they survive the death of the process
     * only.
     */
    void force();
  }

  /** The workflow's mailbox, as its owner sees it. */
  interface Events {
    /** The event left under {@code key}, or null when none arrived yet. */
    byte[] read(String key);

    /** Removes a consumed (or refused) event, and the expectation recorded for it. */
    void delete(String key);

    /** Records that a task waits for the event {@code key}, of type {@code typeName}. */
    void expect(String key, String typeName);
  }

  /**
   * The attempts that are running (an in-flight journal, so that an attempt cut short by the death
   * of the process counts as failed), and the failed attempts counted so far.
   */
  interface Attempts {
    /**
     * The attempts that were running when the process holding this workflow before died: task key
     * to attempt number. Read when first asked, before the journal is reused.
     */
    Map<Long, Integer> interrupted();

    /** How many in-flight slots the journal has (each running task chain uses one). */
    int slots();

    /**
     * Notes, in a way that survives the death of this process, that {@code task} runs its attempt
     * number {@code attempt} in {@code slot}. Cheap: stores into a memory-mapped file.
     */
    void mark(int slot, long task, int attempt);

    /** Empties a slot. */
    void clear(int slot);

    /** The failed attempts recorded per task key (tasks without any are absent). */
    Map<Long, Failures> readFailed();

    /** Replaces the recorded failed attempts, atomically. */
    void writeFailed(Map<Long, Failures> attempts);

    /**
     * The attempts of a workflow read, not run: {@code interrupted} and {@code failed} as recorded;
     * marking, clearing and writing throw {@code refusal}.
     */
    static Attempts readOnly(
        Map<Long, Integer> interrupted,
        Map<Long, Failures> failed,
        java.util.function.Supplier<RuntimeException> refusal) {
      return new Attempts() {
        @Override
        public Map<Long, Integer> interrupted() {
          return interrupted;
        }

        @Override
        public int slots() {
          return 0;
        }

        @Override
        public void mark(int slot, long task, int attempt) {
          throw refusal.get();
        }

        @Override
        public void clear(int slot) {
          throw refusal.get();
        }

        @Override
        public Map<Long, Failures> readFailed() {
          return failed;
        }

        @Override
        public void writeFailed(Map<Long, Failures> attempts) {
          throw refusal.get();
        }
      };
    }
  }
}
