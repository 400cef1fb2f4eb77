package dev.waymark.internal.storage;

import java.nio.charset.StandardCharsets;

/**
 * How records are keyed in a workflow's store. A task key is its index for a task of the recorded
 * DAG, and for a task created by a continuation a hash of its parent's key and its index in the
 * continuation's DAG, with bit 59 set. Re-running a parent therefore recreates the same keys, and a
 * re-run finds the outputs its children stored before. The top three bits of a store key say what
 * is stored under it.
 */
public final class TaskKeys {
  private static final int SPACE_SHIFT = 61;
  private static final long TASK_MASK = (1L << SPACE_SHIFT) - 1;
  private static final long CHILD_BIT = 1L << 59;

  /**
   * Task keys never set bit 60 (a root task is its index, a child's key uses bits 0 to 59), so a
   * space's keys with it set form a further space.
   */
  private static final long EXTENDED_BIT = 1L << 60;

  /** A task's output value. */
  public static final long OUTPUT = 0;

  /** What a continuation task resolved to: a link to the task that produced the value, or it. */
  public static final long FINAL = 1;

  /** The DAG a continuation task returned. */
  public static final long CONTINUATION = 2;

  /** The task id (name) of a task created by a continuation. */
  public static final long NAME_OF = 3;

  /** The task key of a name (by the name's hash). */
  public static final long KEY_OF = 4;

  /** The last number used for a task name (by the name's hash). */
  public static final long COUNTER = 5;

  /**
   * A task's intra-step state (its {@code Checkpointer}) with an even sequence number; a durable
   * sleep's wake-up time.
   */
  public static final long STATE = 6;

  /** A task's intra-step state with an odd sequence number. */
  public static final long STATE_ODD = 7;

  private TaskKeys() {}

  public static long store(long space, long key) {
    return space << SPACE_SHIFT | (key & TASK_MASK);
  }

  /** What is stored under {@code storeKey}: {@link #OUTPUT}, {@link #FINAL}, ... */
  public static long space(long storeKey) {
    return storeKey >>> SPACE_SHIFT;
  }

  /**
   * The link from a stored continuation task to the deepest stored continuation on its output path
   * (see {@code ContinuationLinks}).
   */
  public static long link(long taskKey) {
    return store(CONTINUATION, taskKey) | EXTENDED_BIT;
  }

  /** An event left for the workflow under a key whose hash is {@code keyHash}. */
  public static long event(long keyHash) {
    return store(NAME_OF, keyHash) | EXTENDED_BIT;
  }

  /** Whether {@code storeKey} is an event's (see {@link #event}). */
  public static boolean isEvent(long storeKey) {
    return space(storeKey) == NAME_OF && (storeKey & EXTENDED_BIT) != 0;
  }

  /** The record naming the workflow and number a record map belongs to. */
  public static final long OWNER = store(OUTPUT, 0) | EXTENDED_BIT;

  /**
   * Whether records under {@code storeKey} are overwritten or removed (name counters, intra-step
   * states, wake-up times, links) rather than written once: they are kept apart from the records
   * that are counted.
   */
  public static boolean isScratch(long storeKey) {
    long space = storeKey >>> SPACE_SHIFT;
    return space == COUNTER
        || space == STATE
        || space == STATE_ODD
        || (space == CONTINUATION && (storeKey & EXTENDED_BIT) != 0);
  }

  /** The key of task {@code index} of the continuation DAG returned by task {@code parent}. */
  public static long child(long parent, int index) {
    long h = parent * 0x9E3779B97F4A7C15L + index;
    h ^= h >>> 31;
    h *= 0xBF58476D1CE4E5B9L;
    h ^= h >>> 29;
    return (h & (CHILD_BIT - 1)) | CHILD_BIT;
  }

  /** A 64-bit FNV-1a hash of a name, for the by-name records. */
  public static long hash(String name) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
