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
    Located[] found = {null};
    eachStoredTask(
        claim,
        root,
        (plan, t, taskKey) -> {
          if (taskKey == key) {
            found[0] = new Located(plan, t);
          }
          return found[0] != null;
        });
    return found[0];
  }

  /**
   * Gives {@code visit} the name and key of each task of every stored continuation DAG, breadth
   * first, until it returns true. A DAG recorded without its tasks' names has them under each key.
   */
  static void forEachName(WorkflowStore claim, Plan root, BiPredicate<String, Long> visit) {
    eachStoredTask(
        claim,
        root,
        (plan, t, key) -> {
          String name = plan.storedNames == null ? nameOf(claim, key) : plan.storedNames[t];
          return name != null && visit.test(name, key);
        });
  }

  /** A task of a stored continuation DAG; returns true to end the walk. */
  private interface StoredTask {
    boolean visit(Plan plan, int task, long key);
  }

  /** Walks the tasks of every stored continuation DAG below {@code root}, breadth first. */
  private static void eachStoredTask(WorkflowStore claim, Plan root, StoredTask visit) {
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
        if (visit.visit(child, i, key)) {
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
