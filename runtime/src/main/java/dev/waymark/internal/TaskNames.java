package dev.waymark.internal;

import dev.waymark.internal.storage.Payload;
import dev.waymark.internal.storage.TaskKeys;
import dev.waymark.internal.storage.WorkflowStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Task ids across a workflow. The recorded DAG's tasks are named from it; a task created by a
 * continuation is named when it is created, from a per-base-name counter, and its name is stored
 * before it runs: in the record of the DAG it belongs to when that DAG is stored, or else under the
 * task's key (then also the other way round, and the counter, every {@link #COUNTER_EVERY} names).
 * A parent that runs again recreates the same keys and so finds the same names: recovery never
 * invents new task ids.
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

  /** Per base name, the next number to try; every number below it is taken. */
  private final Map<String, Integer> counters = new HashMap<>();

  /** Names taken as a base name alone (number 0), with the root DAG's names. */
  private final Set<String> plain = new HashSet<>();

  /**
   * Whether every name of the workflow was taken through this object (a fresh run: nothing was
   * stored before it began), so that a name it does not know is stored nowhere and is not looked
   * up.
   */
  private boolean knowsAll;

  /**
   * For a run that did not begin the workflow: the names its stored DAGs hold, read once when it
   * first names a task.
   */
  private Map<String, Long> storedNames;

  /** Per base name, the number after the highest the stored DAGs hold. */
  private final Map<String, Integer> storedNext = new HashMap<>();

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
    String name = frame.ids.known(t);
    if (name == null) {
      long key = frame.key(t);
      Payload stored = claim.values().read(TaskKeys.store(TaskKeys.NAME_OF, key));
      name = stored == null ? "#" + Long.toHexString(key) : utf8(stored);
      frame.ids.read(t, name);
    }
    return name;
  }

  /** The key of the task named {@code name}, or -1 when no such task exists (yet). */
  long keyOf(String name) {
    Integer index = rootIndex().get(name);
    if (index != null) {
      return index;
    }
    long key = indexed(name);
    if (key >= 0) {
      return key;
    }
    long[] found = {-1};
    TaskLocator.forEachName(
        claim,
        root,
        (taskName, taskKey) -> {
          if (taskName.equals(name)) {
            found[0] = taskKey;
            return true;
          }
          return false;
        });
    return found[0];
  }

  /** The key stored for {@code name} as the name of a task outside any stored DAG, or -1. */
  private long indexed(String name) {
    long key = ownerOf(name);
    if (key < 0) {
      return -1;
    }
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
   * Names the tasks of a continuation frame, before any of them runs. With {@code inStoredDag}, the
   * names go into the record of the frame's DAG, which the caller writes next. Otherwise each is
   * taken durably here: its reverse entry (name to key) first, then the task's own entry, then
   * (every {@link #COUNTER_EVERY} names) the counter, which only says where to look next. A process
   * that dies anywhere in between finds, on the next run, the name this task had taken (or none),
   * never one another task has, and a counter behind costs a few look-ups.
   */
  synchronized void register(Frame child, boolean inStoredDag) {
    if (plain.isEmpty()) {
      plain.addAll(rootIndex().keySet());
    }
    if (!knowsAll && storedNames == null) {
      storedNames = readStoredNames();
    }
    Plan plan = child.plan();
    for (int t = 0; t < plan.taskCount(); t++) {
      long key = child.key(t);
      Payload stored = knowsAll ? null : claim.values().read(TaskKeys.store(TaskKeys.NAME_OF, key));
      if (stored != null) {
        child.ids.read(t, utf8(stored));
        continue;
      }
      String base = plan.baseName(t);
      int n;
      String name;
      do {
        n = nextNumber(base);
        name = n == 0 ? base : base + "_" + n;
      } while (takenByAnother(name, n, key));
      if (n == 0) {
        plain.add(name);
      }
      child.ids.given(t, n);
      if (inStoredDag) {
        continue;
      }
      if (knowsAll || ownerOf(name) != key) {
        write(
            TaskKeys.store(TaskKeys.KEY_OF, TaskKeys.hash(name)),
            ByteBuffer.allocate(8).putLong(key).array());
      }
      write(TaskKeys.store(TaskKeys.NAME_OF, key), name.getBytes(StandardCharsets.UTF_8));
      if ((n + 1) % COUNTER_EVERY == 0) {
        write(
            TaskKeys.store(TaskKeys.COUNTER, TaskKeys.hash(base)),
            ByteBuffer.allocate(4).putInt(n + 1).array());
      }
    }
  }

  /** Whether a task other than {@code key} took {@code name}, number {@code n} of its base. */
  private boolean takenByAnother(String name, int n, long key) {
    if (plain.contains(name) || (n == 0 && numberedHere(name))) {
      return true; // this run gave it (or the root DAG has it), and not to key: key has none yet
    }
    if (knowsAll) {
      return false;
    }
    Long inDag = storedNames.get(name);
    long owner = inDag != null ? inDag : ownerOf(name);
    return owner >= 0 && owner != key;
  }

  /** Whether {@code name} reads as a numbered name of a base this run numbered past it. */
  private boolean numberedHere(String name) {
    int n = numberOf(name);
    if (n < 0) {
      return false;
    }
    Integer next = counters.get(name.substring(0, name.lastIndexOf('_')));
    return next != null && n < next;
  }

  /** The number after the last {@code _} of {@code name} (up to 8 digits), or -1 when none. */
  private static int numberOf(String name) {
    int cut = name.lastIndexOf('_');
    return cut > 0 && isNumber(name, cut + 1) && name.length() - cut <= 9
        ? Integer.parseInt(name.substring(cut + 1))
        : -1;
  }

  /** The key stored as the owner of {@code name} outside any stored DAG, or -1. */
  private long ownerOf(String name) {
    Payload stored = claim.values().read(TaskKeys.store(TaskKeys.KEY_OF, TaskKeys.hash(name)));
    return stored == null
        ? -1
        : ByteBuffer.wrap(stored.bytes(), stored.offset(), stored.length()).getLong();
  }

  /**
   * The names the stored DAGs hold, for a run that did not begin the workflow; each numbered one
   * moves its base's counter past it.
   */
  private Map<String, Long> readStoredNames() {
    Map<String, Long> found = new HashMap<>();
    TaskLocator.forEachName(
        claim,
        root,
        (name, key) -> {
          found.put(name, key);
          int n = numberOf(name);
          if (n >= 0) {
            storedNext.merge(name.substring(0, name.lastIndexOf('_')), n + 1, Math::max);
          }
          return false;
        });
    return found;
  }

  private int nextNumber(String base) {
    Integer next = counters.get(base);
    if (next == null) {
      int fromRoot = 0;
      for (String name : rootNames()) {
        if (name.equals(base) || isNumbered(name, base)) {
          fromRoot++;
        }
      }
      Payload stored =
          knowsAll
              ? null
              : claim.values().read(TaskKeys.store(TaskKeys.COUNTER, TaskKeys.hash(base)));
      int fromStore =
          stored == null
              ? 0
              : ByteBuffer.wrap(stored.bytes(), stored.offset(), stored.length()).getInt();
      next = Math.max(storedNext.getOrDefault(base, 0), Math.max(fromRoot, fromStore));
    }
    counters.put(base, next + 1);
    return next;
  }

  private static boolean isNumbered(String name, String base) {
    return name.length() > base.length() + 1
        && name.startsWith(base)
        && name.charAt(base.length()) == '_'
        && isNumber(name, base.length() + 1);
  }

  private static boolean isNumber(String text, int from) {
    if (from >= text.length()) {
      return false;
    }
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private void write(long key, byte[] bytes) {
    claim.values().write(key, 0, 0, bytes, 0, bytes.length);
  }

  private static String utf8(Payload payload) {
    return new String(payload.bytes(), payload.offset(), payload.length(), StandardCharsets.UTF_8);
  }
}
