package dev.waymark.internal;

import dev.waymark.internal.storage.Payload;
import dev.waymark.internal.storage.TaskKeys;
import dev.waymark.internal.storage.WorkflowStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Task ids across a workflow. The recorded DAG's tasks are named from it; a task created by a
 * continuation is named when it is created, by a per-name counter kept in the store, and the name
 * is stored under the task's key. A parent that runs again recreates the same keys and so finds the
 * same names: recovery never invents new task ids.
 */
final class TaskNames {
  /**
   * A base name's counter is stored every this many names: behind by fewer, it costs the next
   * process as many look-ups of names already taken, once per base name.
   */
  static final int COUNTER_EVERY = 16;

  private final WorkflowStore claim;
  private final Plan root;
  private String[] rootNames;
  private Map<String, Integer> rootIndex;
  private final Map<String, Integer> counters = new HashMap<>();
  private final Map<Long, String> childNames = new ConcurrentHashMap<>();

  /**
   * Whether every name of the workflow was stored through this object (a fresh run: nothing was
   * stored before it began), so that a name it does not know is stored nowhere and is not looked
   * up. Then {@link #owners} holds the names it took.
   */
  private boolean knowsAll;

  private final Map<String, Long> owners = new HashMap<>();

  TaskNames(WorkflowStore claim, Plan root) {
    this.claim = claim;
    this.root = root;
  }

  /** Says that nothing was stored under the workflow before this run: see {@link #knowsAll}. */
  synchronized void nothingStoredBefore() {
    knowsAll = true;
  }

  /** The id of task {@code t} of {@code frame}. */
  String name(Frame frame, int t) {
    if (frame.isRoot()) {
      return rootNames()[t];
    }
    long key = frame.key(t);
    String name = childNames.get(key);
    if (name == null) {
      Payload stored = claim.values().read(TaskKeys.store(TaskKeys.NAME_OF, key));
      name = stored == null ? "#" + Long.toHexString(key) : utf8(stored);
      childNames.put(key, name);
    }
    return name;
  }

  /** The key of the task named {@code name}, or -1 when no such task exists (yet). */
  long keyOf(String name) {
    Integer index = rootIndex().get(name);
    if (index != null) {
      return index;
    }
    Payload stored = claim.values().read(TaskKeys.store(TaskKeys.KEY_OF, TaskKeys.hash(name)));
    if (stored == null) {
      return -1;
    }
    long key = ByteBuffer.wrap(stored.bytes(), stored.offset(), stored.length()).getLong();
    Payload check = claim.values().read(TaskKeys.store(TaskKeys.NAME_OF, key));
    return check != null && utf8(check).equals(name) ? key : -1;
  }

  /** The root DAG's task ids, for messages. */
  String[] rootNames() {
    if (rootNames == null) {
      rootNames = root.taskIds();
    }
    return rootNames;
  }

  private synchronized Map<String, Integer> rootIndex() {
    if (rootIndex == null) {
      String[] names = rootNames();
      Map<String, Integer> index = new HashMap<>();
      for (int t = 0; t < names.length; t++) {
        index.put(names[t], t);
      }
      rootIndex = index;
    }
    return rootIndex;
  }

  /**
   * Names the tasks of a continuation frame that have no name yet, durably, before any of them
   * runs. A name is taken by writing its reverse entry (name to key) first, then the task's own
   * entry, then (every {@link #COUNTER_EVERY} names) the counter, which only says where to look
   * next: a process that dies anywhere in between finds, on the next run, the name this task had
   * taken (or none), never one another task has, and a counter behind costs a few look-ups.
   */
  synchronized void register(Frame child) {
    Plan plan = child.plan();
    for (int t = 0; t < plan.taskCount(); t++) {
      long key = child.key(t);
      if (knowsAll && childNames.containsKey(key)) {
        continue;
      }
      Payload stored = knowsAll ? null : claim.values().read(TaskKeys.store(TaskKeys.NAME_OF, key));
      if (stored != null) {
        childNames.put(key, utf8(stored));
        continue;
      }
      String base = plan.baseName(t);
      int n;
      String name;
      long owner;
      do {
        n = nextNumber(base);
        name = n == 0 ? base : base + "_" + n;
        owner = ownerOf(name);
      } while (owner >= 0 && owner != key);
      if (owner != key) {
        write(
            TaskKeys.store(TaskKeys.KEY_OF, TaskKeys.hash(name)),
            ByteBuffer.allocate(8).putLong(key).array());
      }
      if (knowsAll) {
        owners.put(name, key);
      }
      write(TaskKeys.store(TaskKeys.NAME_OF, key), name.getBytes(StandardCharsets.UTF_8));
      if ((n + 1) % COUNTER_EVERY == 0) {
        write(
            TaskKeys.store(TaskKeys.COUNTER, TaskKeys.hash(base)),
            ByteBuffer.allocate(4).putInt(n + 1).array());
      }
      childNames.put(key, name);
    }
  }

  /** The key that took {@code name}, or -1 when no task did. */
  private long ownerOf(String name) {
    if (knowsAll) {
      return owners.getOrDefault(name, -1L);
    }
    Payload stored = claim.values().read(TaskKeys.store(TaskKeys.KEY_OF, TaskKeys.hash(name)));
    return stored == null
        ? -1
        : ByteBuffer.wrap(stored.bytes(), stored.offset(), stored.length()).getLong();
  }

  private int nextNumber(String base) {
    Integer next = counters.get(base);
    if (next == null) {
      int fromRoot =
          (int)
              Arrays.stream(rootNames()).filter(n -> n.equals(base) || isNumbered(n, base)).count();
      Payload stored =
          knowsAll
              ? null
              : claim.values().read(TaskKeys.store(TaskKeys.COUNTER, TaskKeys.hash(base)));
      int fromStore =
          stored == null
              ? 0
              : ByteBuffer.wrap(stored.bytes(), stored.offset(), stored.length()).getInt();
      next = Math.max(fromRoot, fromStore);
    }
    counters.put(base, next + 1);
    return next;
  }

  private static boolean isNumbered(String name, String base) {
    if (!name.startsWith(base + "_")) {
      return false;
    }
    String suffix = name.substring(base.length() + 1);
    return !suffix.isEmpty() && suffix.chars().allMatch(Character::isDigit);
  }

  private void write(long key, byte[] bytes) {
    claim.values().write(key, 0, 0, bytes, 0, bytes.length);
  }

  private static String utf8(Payload payload) {
    return new String(payload.bytes(), payload.offset(), payload.length(), StandardCharsets.UTF_8);
  }
}
