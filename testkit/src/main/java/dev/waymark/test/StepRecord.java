package dev.waymark.test;

import dev.waymark.internal.RunHooks;
import dev.waymark.internal.SimulatedCrash;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the runtimes of one test storage did, per workflow, since the last {@link #clear}: which
 * steps ran (one entry per attempt), which outputs were restored from an earlier run, which were
 * committed; and the crash armed for the next matching moment.
 */
final class StepRecord implements RunHooks {
  /** Where a crash can be injected. */
  enum Moment {
    BEFORE_COMMIT("before the commit of"),
    AFTER_COMMIT("after the commit of"),
    IN_STATE_SAVE("in a state save of");

    final String text;

    Moment(String text) {
      this.text = text;
    }
  }

  private record Crash(Moment moment, String workflowId, String taskId) {}

  private final Map<String, List<String>> executed = new ConcurrentHashMap<>();
  private final Map<String, List<String>> restored = new ConcurrentHashMap<>();
  private final Map<String, List<String>> committed = new ConcurrentHashMap<>();
  private final Map<String, List<String>> sleeping = new ConcurrentHashMap<>();
  private volatile Crash armed;
  private volatile boolean crashed;

  void arm(Moment moment, String workflowId, String taskId) {
    armed = new Crash(moment, workflowId, Objects.requireNonNull(taskId, "taskId"));
  }

  /** Whether an armed crash happened since the last {@link #clear}. */
  boolean crashed() {
    return crashed;
  }

  void clear() {
    executed.clear();
    restored.clear();
    committed.clear();
    sleeping.clear();
    crashed = false;
  }

  List<String> executed(String workflowId) {
    return copy(executed, workflowId);
  }

  List<String> restored(String workflowId) {
    return copy(restored, workflowId);
  }

  List<String> committed(String workflowId) {
    return copy(committed, workflowId);
  }

  private static List<String> copy(Map<String, List<String>> record, String workflowId) {
    List<String> tasks = record.get(workflowId);
    return tasks == null ? List.of() : List.copyOf(tasks); // a snapshot
  }

  private static void add(Map<String, List<String>> record, String workflowId, String taskId) {
    record.computeIfAbsent(workflowId, k -> new CopyOnWriteArrayList<>()).add(taskId);
  }

  /** Dies here when the armed crash matches; it is then disarmed. */
  private void maybeCrash(Moment moment, String workflowId, String taskId) {
    Crash crash = armed;
    if (crash != null
        && crash.moment == moment
        && crash.taskId.equals(taskId)
        && (crash.workflowId == null || crash.workflowId.equals(workflowId))) {
      synchronized (this) {
        if (armed != crash) {
          return; // another thread took it
        }
        armed = null;
        crashed = true;
      }
      throw new SimulatedCrash(moment.text + " task '" + taskId + "' of '" + workflowId + "'");
    }
  }

  @Override
  public void attemptStarting(String workflowId, String taskId, int attempt) {
    add(executed, workflowId, taskId);
  }

  @Override
  public void restored(String workflowId, String taskId) {
    add(restored, workflowId, taskId);
  }

  @Override
  public void committing(String workflowId, String taskId) {
    maybeCrash(Moment.BEFORE_COMMIT, workflowId, taskId);
  }

  @Override
  public void committed(String workflowId, String taskId) {
    add(committed, workflowId, taskId);
    synchronized (this) {
      notifyAll();
    }
    maybeCrash(Moment.AFTER_COMMIT, workflowId, taskId);
  }

  @Override
  public void sleeping(String workflowId, String taskId, long wakeMillis) {
    add(sleeping, workflowId, taskId);
    synchronized (this) {
      notifyAll();
    }
  }

  @Override
  public void stateSaved(String workflowId, String taskId, long number) {
    maybeCrash(Moment.IN_STATE_SAVE, workflowId, taskId);
  }

  /** Waits until {@code taskId} of {@code workflowId} is committed; false after {@code millis}. */
  boolean awaitCommitted(String workflowId, String taskId, long millis)
      throws InterruptedException {
    return await(committed, workflowId, taskId, millis);
  }

  /** Waits until the sleep {@code taskId} of {@code workflowId} fixed its wake-up time. */
  boolean awaitSleeping(String workflowId, String taskId, long millis) throws InterruptedException {
    return await(sleeping, workflowId, taskId, millis);
  }

  private synchronized boolean await(
      Map<String, List<String>> record, String workflowId, String taskId, long millis)
      throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (!copy(record, workflowId).contains(taskId)) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }
}
