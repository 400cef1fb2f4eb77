package dev.waymark.torture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the execution logs of the successive child JVMs of one round (one workflow id, killed and
 * resumed over and over) against what the storage says was committed. Feed it, in order:
 *
 * <ol>
 *   <li>{@link #addChild} with each child's log, saying whether the child was killed;
 *   <li>after a killed child, {@link #committed} with the tasks whose output is stored now;
 *   <li>after the last child, {@link #finish} with the tasks whose output is stored at the end.
 * </ol>
 *
 * <p>Log lines: {@code START task attempt}, {@code END task value}, {@code FAIL task attempt ...},
 * {@code ITER task i}, {@code SAVED task i}, {@code LOADED task i|none}, {@code BAD task ...},
 * {@code RENAMED runtime-task task} (the runtime runs {@code task} under another id; later lines
 * use that id, and are checked as {@code task}'s).
 */
public final class InvariantChecker {

  /** The invariant a violation breaks. */
  public enum Rule {
    /** The final result is not the uninterrupted run's. */
    RESULT,
    /** A task whose output was committed (stored) started again in a later child. */
    COMMITTED_RERUN,
    /**
     * Like {@link #COMMITTED_RERUN}, for the stored ({@code checkpoint(TRUE)}) output step of an
     * unstored continuation, after that continuation ran again: the parent's result was not
     * recorded before the kill, and the DAG it returned again was started afresh.
     */
    COMMITTED_RERUN_UNDER_UNSTORED_PARENT,
    /** A stored task started more often than its {@code maxRetries + 1} attempts allow. */
    RETRIES_EXCEEDED,
    /**
     * A stored task started more often than its planned failures, the kills it was in flight at,
     * and one successful attempt explain.
     */
    EXTRA_START,
    /** A stored task's attempt numbers did not increase from one start to the next. */
    ATTEMPT_ORDER,
    /** {@code load()} returned a state no attempt ever passed to {@code save}. */
    NEVER_SAVED,
    /** {@code load()} returned an older state than one a {@code save} had durably written. */
    STALE_LOAD,
    /**
     * {@code load()} returned nothing after a {@code save} had durably written a state, and the
     * child before was killed while a later {@code save} of that task was in flight: the killed
     * save took the earlier state with it.
     */
    STATE_LOST_IN_KILLED_SAVE,
    /** The runtime ran a task under another id than the {@code taskId} its options give. */
    RENAMED_TASK,
    /** A task that ran cannot be found by its id ({@code getMetadata} says it does not exist). */
    TASK_ID_NOT_FOUND,
    /**
     * A resumed run failed because a value it needed was missing ("holds no value for task ...,
     * though one was stored"): it dropped the output of an unstored task that a step still needed.
     */
    VALUE_MISSING_ON_RESUME,
    /** A step found an input that is not the value its producer wrote. */
    BAD,
    /** A log line that does not parse. */
    MALFORMED,
    /** A task's output is stored but its body never returned (no END, or FAIL, logged). */
    STORED_WITHOUT_END,
    /** An output that was stored after a kill is gone later. */
    LOST_OUTPUT,
    /** A task's output is stored though its checkpoint is off, or missing though it is on. */
    STORED_MISMATCH,
    /** A task of the workflow never completed. */
    MISSING_TASK,
    /** A task ran that the workflow does not have. */
    UNKNOWN_TASK,
    /** A step logged a value other than the one it must produce. */
    WRONG_VALUE,
    /** In a child that was not killed, a started attempt neither ended nor failed. */
    UNFINISHED,
    /** A child JVM failed, hung, or the workflow's status is wrong (reported by the harness). */
    CHILD
  }

  /** One broken invariant; {@code child} is the index of the child it was found in, or -1. */
  public record Violation(Rule rule, int child, String task, String detail) {
    @Override
    public String toString() {
      return rule
          + (child >= 0 ? " in child " + child : "")
          + (task != null ? " task " + task : "")
          + ": "
          + detail;
    }
  }

  /**
   * What is known of a task beforehand.
   *
   * @param maxRetries its effective maxRetries
   * @param plannedFailures how many of its first attempts throw on purpose (and are retried)
   * @param stored whether its checkpoint stores its output
   * @param expectedEnd the value its END line must carry, null for any
   * @param fails whether it completes with FAIL (a caught failure) instead of END
   * @param unstoredParent for the stored output step of an unstored continuation: that
   *     continuation's task; else null
   */
  public record TaskPolicy(
      int maxRetries,
      int plannedFailures,
      boolean stored,
      String expectedEnd,
      boolean fails,
      String unstoredParent) {
    public TaskPolicy(
        int maxRetries, int plannedFailures, boolean stored, String expectedEnd, boolean fails) {
      this(maxRetries, plannedFailures, stored, expectedEnd, fails, null);
    }
  }

  private final Map<String, TaskPolicy> tasks;
  private final TaskPolicy defaults;
  private final List<Violation> violations = new ArrayList<>();
  private int child = -1;

  private final Set<String> committed = new HashSet<>();

  /** The child after whose kill a task was found committed. */
  private final Map<String, Integer> committedAfter = new HashMap<>();

  /** The last child a task started in. */
  private final Map<String, Integer> lastStartIn = new HashMap<>();

  private final Set<String> started = new LinkedHashSet<>();
  private final Map<String, Integer> starts = new HashMap<>();
  private final Map<String, Integer> killedStarts = new HashMap<>();
  private final Map<String, List<Integer>> attempts = new HashMap<>();
  private final Map<String, Set<Integer>> iterations = new HashMap<>();
  private final Map<String, Integer> lastSaved = new HashMap<>();
  private final Set<String> ended = new HashSet<>();
  private final Set<String> failed = new HashSet<>();
  private final Set<String> unknownReported = new HashSet<>();
  private final Set<Violation> reported = new HashSet<>();

  /** Runtime task id to the id the task was given, for tasks the runtime renamed. */
  private final Map<String, String> aliases = new HashMap<>();

  /** Given id to the runtime's id, for the renamed tasks. */
  private final Map<String, String> runtimeIds = new HashMap<>();

  /** Tasks the storage could not find by their ids. */
  private final Set<String> unresolvable = new HashSet<>();

  /** Tasks whose last line in a killed child was ITER: a save was in flight at the kill. */
  private final Set<String> saveInFlightAtKill = new HashSet<>();

  /**
   * A checker for a workflow whose tasks are {@code tasks}: any other task is a violation, and
   * every one of them must complete.
   */
  public InvariantChecker(Map<String, TaskPolicy> tasks) {
    this.tasks = Map.copyOf(tasks);
    this.defaults = null;
  }

  /** A checker that knows no tasks beforehand: each is stored, with {@code maxRetries}. */
  public static InvariantChecker lenient(int maxRetries) {
    return new InvariantChecker(new TaskPolicy(maxRetries, 0, true, null, false));
  }

  private InvariantChecker(TaskPolicy defaults) {
    this.tasks = Map.of();
    this.defaults = defaults;
  }

  private TaskPolicy policy(String task) {
    TaskPolicy policy = tasks.get(task);
    return policy != null
        ? policy
        : defaults != null ? defaults : new TaskPolicy(0, 0, true, null, false);
  }

  /**
   * Splits a log file's content into lines. An unterminated last line is a violation in a child
   * that was not killed; in a killed child it is dropped: a kill can cut a write that crosses a
   * page boundary, and what the cut line says did not happen (the step never got past that write).
   */
  public void addChild(String content, boolean killed) {
    List<String> lines = new ArrayList<>(List.of(content.split("\n", -1)));
    String last = lines.remove(lines.size() - 1); // "" when the content ends with a newline
    addChild(lines, killed);
    if (!last.isEmpty() && !killed) {
      report(Rule.MALFORMED, null, "unterminated last line '" + last + "'");
    }
  }

  /** The log of the next child, in order; {@code killed} when it was killed with SIGKILL. */
  public void addChild(List<String> lines, boolean killed) {
    child++;
    Map<String, Integer> startsHere = new HashMap<>();
    Map<String, Integer> finishesHere = new HashMap<>();
    Map<String, String> lastEvent = new HashMap<>();
    for (String line : lines) {
      if (line.isEmpty()) {
        report(Rule.MALFORMED, null, "empty line");
        continue;
      }
      String[] parts = line.split(" ", 3);
      if (parts.length < 3) {
        report(Rule.MALFORMED, null, "'" + line + "'");
        continue;
      }
      String event = parts[0];
      String task = aliases.getOrDefault(parts[1], parts[1]);
      String rest = parts[2];
      lastEvent.put(task, event);
      try {
        switch (event) {
          case "RENAMED" -> {
            aliases.put(parts[1], rest);
            runtimeIds.put(rest, parts[1]);
            lastEvent.put(rest, event);
            report(
                Rule.RENAMED_TASK,
                rest,
                "runs as task " + parts[1] + " though its options say taskId(\"" + rest + "\")");
          }
          case "START" -> {
            int attempt = Integer.parseInt(rest);
            start(task, attempt);
            startsHere.merge(task, 1, Integer::sum);
          }
          case "END" -> {
            end(task, rest);
            finishesHere.merge(task, 1, Integer::sum);
          }
          case "FAIL" -> {
            Integer.parseInt(rest.split(" ", 2)[0]);
            failed.add(task);
            finishesHere.merge(task, 1, Integer::sum);
          }
          case "ITER" ->
              iterations.computeIfAbsent(task, k -> new HashSet<>()).add(Integer.parseInt(rest));
          case "SAVED" -> saved(task, Integer.parseInt(rest));
          case "LOADED" -> loaded(task, rest.equals("none") ? null : Integer.parseInt(rest));
          case "BAD" -> report(Rule.BAD, task, rest);
          default -> report(Rule.MALFORMED, task, "unknown event in '" + line + "'");
        }
      } catch (NumberFormatException e) {
        report(Rule.MALFORMED, task, "'" + line + "'");
      }
    }
    if (killed) {
      for (String task : startsHere.keySet()) {
        killedStarts.merge(task, 1, Integer::sum);
      }
      lastEvent.forEach(
          (task, event) -> {
            if (event.equals("ITER")) {
              saveInFlightAtKill.add(task);
            }
          });
    } else {
      for (Map.Entry<String, Integer> entry : startsHere.entrySet()) {
        int finishes = finishesHere.getOrDefault(entry.getKey(), 0);
        if (finishes != entry.getValue()) {
          report(
              Rule.UNFINISHED,
              entry.getKey(),
              entry.getValue() + " start(s) but " + finishes + " END/FAIL line(s)");
        }
      }
    }
  }

  private void start(String task, int attempt) {
    if (!tasks.isEmpty() && !tasks.containsKey(task) && unknownReported.add(task)) {
      report(Rule.UNKNOWN_TASK, task, "started, but the workflow has no such task");
    }
    if (committed.contains(task)) {
      String parent = policy(task).unstoredParent();
      boolean parentRan =
          parent != null && lastStartIn.getOrDefault(parent, -1) > committedAfter.get(task);
      report(
          parentRan ? Rule.COMMITTED_RERUN_UNDER_UNSTORED_PARENT : Rule.COMMITTED_RERUN,
          task,
          "started (attempt "
              + attempt
              + ") after its output was committed"
              + (parentRan ? ", its unstored parent " + parent + " having run again" : ""));
    }
    lastStartIn.put(task, child);
    started.add(task);
    starts.merge(task, 1, Integer::sum);
    attempts.computeIfAbsent(task, k -> new ArrayList<>()).add(attempt);
  }

  private void end(String task, String value) {
    TaskPolicy policy = policy(task);
    if (policy.expectedEnd() != null && !policy.expectedEnd().equals(value)) {
      report(Rule.WRONG_VALUE, task, "ended with " + value + ", must be " + policy.expectedEnd());
    }
    ended.add(task);
    if (!policy.stored()) {
      // An unstored step's state is discarded when it returns: a re-run starts over.
      lastSaved.remove(task);
    }
  }

  private void saved(String task, int i) {
    if (!iterations.getOrDefault(task, Set.of()).contains(i)) {
      report(Rule.MALFORMED, task, "SAVED " + i + " without ITER " + i);
    }
    lastSaved.merge(task, i, Math::max);
  }

  private void loaded(String task, Integer value) {
    if (value != null && !iterations.getOrDefault(task, Set.of()).contains(value)) {
      report(Rule.NEVER_SAVED, task, "load() returned " + value + ", which no attempt saved");
    }
    Integer saved = lastSaved.get(task);
    boolean killedSave = saveInFlightAtKill.remove(task);
    if (saved != null && (value == null || value < saved)) {
      String what = "load() returned " + (value == null ? "none" : value) + " after save(" + saved;
      if (value == null && killedSave) {
        report(
            Rule.STATE_LOST_IN_KILLED_SAVE,
            task,
            what + ") had returned; the kill interrupted the next save");
      } else {
        report(Rule.STALE_LOAD, task, what + ") had returned");
      }
    }
    // From here on the state is what was loaded: a loss is reported once, not at every later load.
    if (value == null) {
      lastSaved.remove(task);
    } else {
      lastSaved.put(task, value);
    }
  }

  /**
   * After a kill: the tasks whose output (a continuation's: its DAG) is stored now. A later start
   * of any of them is a violation, and each must have logged the end of its body.
   */
  public void committed(Set<String> stored) {
    for (String task : new TreeSet<>(stored)) {
      if (committed.contains(task)) {
        continue;
      }
      boolean returned = policy(task).fails() ? failed.contains(task) : ended.contains(task);
      if (!returned && !(defaults != null && failed.contains(task))) {
        report(Rule.STORED_WITHOUT_END, task, "its output is stored but its body never returned");
      }
      committed.add(task);
      committedAfter.put(task, child);
    }
  }

  /**
   * Tasks that started but that the storage cannot find by their ids (a violation): whether their
   * output is stored is unknown, so the checks that need to know skip them.
   */
  public void unresolvable(Set<String> tasks) {
    for (String task : new TreeSet<>(tasks)) {
      if (unresolvable.add(task)) {
        report(
            Rule.TASK_ID_NOT_FOUND,
            task,
            "ran as task " + runtimeId(task) + ", but the storage has no task by that id");
      }
    }
  }

  /**
   * After the last child completed: the tasks (of those that started) whose output is stored at the
   * end. Checks the retry bounds, the attempt order, and that nothing stored was lost.
   */
  public void finish(Set<String> storedAtEnd) {
    for (String task : new TreeSet<>(committed)) {
      if (!storedAtEnd.contains(task) && !unresolvable.contains(task)) {
        report(Rule.LOST_OUTPUT, task, "was stored after a kill, is not at the end");
      }
    }
    committed(storedAtEnd);
    for (String task : new TreeSet<>(storedAtEnd)) {
      TaskPolicy policy = policy(task);
      int count = starts.getOrDefault(task, 0);
      if (count > policy.maxRetries() + 1) {
        report(
            Rule.RETRIES_EXCEEDED,
            task,
            count
                + " starts, maxRetries "
                + policy.maxRetries()
                + " allows "
                + (policy.maxRetries() + 1));
      }
      int killed = killedStarts.getOrDefault(task, 0);
      int explained = policy.plannedFailures() + killed + 1;
      if (count > explained) {
        report(
            Rule.EXTRA_START,
            task,
            count
                + " starts, but "
                + policy.plannedFailures()
                + " planned failure(s), "
                + killed
                + " kill(s) in flight and 1 success explain only "
                + explained);
      }
      List<Integer> numbers = attempts.getOrDefault(task, List.of());
      for (int i = 1; i < numbers.size(); i++) {
        if (numbers.get(i) <= numbers.get(i - 1)) {
          report(Rule.ATTEMPT_ORDER, task, "attempt numbers " + numbers);
          break;
        }
      }
    }
    if (!tasks.isEmpty()) {
      for (String task : started) {
        TaskPolicy policy = tasks.get(task);
        if (policy != null
            && !unresolvable.contains(task)
            && policy.stored() != storedAtEnd.contains(task)) {
          report(
              Rule.STORED_MISMATCH,
              task,
              policy.stored()
                  ? "its checkpoint is on but no output is stored"
                  : "its checkpoint is off but an output is stored");
        }
      }
      for (Map.Entry<String, TaskPolicy> entry : new java.util.TreeMap<>(tasks).entrySet()) {
        String task = entry.getKey();
        boolean done = entry.getValue().fails() ? failed.contains(task) : ended.contains(task);
        if (!done) {
          report(Rule.MISSING_TASK, task, "never completed");
        }
      }
    }
  }

  /** Records a violation found outside the logs (by the harness). */
  public void report(Rule rule, String task, String detail) {
    Violation violation = new Violation(rule, child, task, detail);
    if (reported.add(new Violation(rule, -1, task, detail))) { // once, not at every retry
      violations.add(violation);
    }
  }

  /** The id the runtime runs {@code task} under: its own, unless the runtime renamed it. */
  public String runtimeId(String task) {
    return runtimeIds.getOrDefault(task, task);
  }

  /** The tasks that started in any child so far, by the ids they were given. */
  public Set<String> startedTasks() {
    return Collections.unmodifiableSet(started);
  }

  /** The tasks known to be committed. */
  public Set<String> committedTasks() {
    return Collections.unmodifiableSet(committed);
  }

  /** The tasks that logged an END or a FAIL so far. */
  public int completedCount() {
    Set<String> done = new HashSet<>(ended);
    done.addAll(failed);
    return done.size();
  }

  public List<Violation> violations() {
    return Collections.unmodifiableList(violations);
  }
}
