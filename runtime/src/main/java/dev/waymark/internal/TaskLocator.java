package dev.waymark.internal;

import dev.waymark.internal.storage.Payload;
import dev.waymark.internal.storage.TaskKeys;
import dev.waymark.internal.storage.WorkflowStore;
import java.util.ArrayDeque;

/**
 * Finds the DAG a task belongs to: the recorded one, or one a continuation returned, by walking the
 * stored continuations breadth first. For management queries, not for execution.
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
}
