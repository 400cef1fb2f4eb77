package dev.waymark.internal;

import dev.waymark.internal.storage.Payload;
import dev.waymark.internal.storage.TaskKeys;
import dev.waymark.internal.storage.WorkflowStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.BiPredicate;

/**
 * Finds the DAG a task belongs to: the recorded one, or one a continuation returned, by walking the
 * stored continuations breadth first. For management queries and for a run that resumes a workflow,
 * not for each step.
 */
final class TaskLocator {
  private TaskLocator() {}

  /** A task's DAG and its index there. */
  record Located(Plan plan, int task) {}

  /** Where task {@code key} is, or null when no stored DAG holds it. */
  static Located locate(WorkflowStore claim, Plan root, long key) {
    if (key >= 0 && key < root.taskCount()) {
      return new Located(root, (int) key);
    }
    ArrayDeque<long[]> keysOf = new ArrayDeque<>();
    ArrayDeque<Plan> plans = new ArrayDeque<>();
    plans.add(root);
    keysOf.add(new long[0]);
    while (!plans.isEmpty()) {
      Plan plan = plans.poll();
      long[] keys = keysOf.poll();
      for (int t = 0; t < plan.taskCount(); t++) {
        long taskKey = keys.length == 0 ? t : keys[t];
        if (taskKey == key) {
          return new Located(plan, t);
        }
        Payload dag = claim.values().read(TaskKeys.store(TaskKeys.CONTINUATION, taskKey));
        if (dag != null) {
          Plan child = DagCodec.decode(dag);
          long[] childKeys = new long[child.taskCount()];
          for (int i = 0; i < childKeys.length; i++) {
            childKeys[i] = TaskKeys.child(taskKey, i);
          }
          plans.add(child);
          keysOf.add(childKeys);
        }
      }
    }
    return null;
  }

  /**
   * Gives {@code visit} the name and key of each task of every stored continuation DAG, breadth
   * first, until it returns true. A DAG recorded without its tasks' names has them under each key.
   */
  static void forEachName(WorkflowStore claim, Plan root, BiPredicate<String, Long> visit) {
    ArrayDeque<Long> parents = new ArrayDeque<>();
    for (long t = 0; t < root.taskCount(); t++) {
      parents.add(t);
    }
    while (!parents.isEmpty()) {
      long parent = parents.poll();
      Payload dag = claim.values().read(TaskKeys.store(TaskKeys.CONTINUATION, parent));
      if (dag == null) {
        continue;
      }
      Plan child = DagCodec.decode(dag);
      for (int i = 0; i < child.taskCount(); i++) {
        long key = TaskKeys.child(parent, i);
        String name = child.storedNames == null ? nameOf(claim, key) : child.storedNames[i];
        if (name != null && visit.test(name, key)) {
          return;
        }
        parents.add(key);
      }
    }
  }

  private static String nameOf(WorkflowStore claim, long key) {
    Payload stored = claim.values().read(TaskKeys.store(TaskKeys.NAME_OF, key));
    return stored == null
        ? null
        : new String(stored.bytes(), stored.offset(), stored.length(), StandardCharsets.UTF_8);
  }
}
