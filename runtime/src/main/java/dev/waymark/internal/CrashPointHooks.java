package dev.waymark.internal;

/**
 * Crash points at a step, for a test that kills a child JVM there with SIGKILL: a JVM started with
 * {@code -Dwaymark.crash=after-commit:charge} (or {@code before-commit:}, {@code in-state-save:})
 * prints {@code WAYMARK-CRASH after-commit <workflow> charge} when the first matching moment comes,
 * and that step's thread waits there for good, so that the test kills the process exactly there.
 * {@code after-commit:charge:order-7} matches that task of workflow {@code order-7} only (task ids
 * hold no colon; the workflow id is all that follows the second one). {@code waymark-test}'s {@code
 * ChildJvm} starts such JVMs. Without the property, no hook is installed.
 */
final class CrashPointHooks implements RunHooks {
  /** The system property naming the crash point. */
  static final String PROPERTY = "waymark.crash";

  /** What the JVM prints when it reaches the crash point. */
  static final String LINE = "WAYMARK-CRASH ";

  private final String moment;
  private final String taskId;

  /** Null for any workflow. */
  private final String workflowId;

  private CrashPointHooks(String moment, String taskId, String workflowId) {
    this.moment = moment;
    this.taskId = taskId;
    this.workflowId = workflowId;
  }

  /**
   * The crash point the property names, or null when it is not set.
   *
   * @throws IllegalArgumentException when it is set but names no moment this knows
   */
  static RunHooks fromProperty() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      return null;
    }
    int colon = value.indexOf(':');
    String moment = colon < 0 ? value : value.substring(0, colon);
    if (colon < 0
        || colon == value.length() - 1
        || !(moment.equals("after-commit")
            || moment.equals("before-commit")
            || moment.equals("in-state-save"))) {
      throw new IllegalArgumentException(
          "-D"
              + PROPERTY
              + " must be after-commit:TASK, before-commit:TASK or in-state-save:TASK, each"
              + " optionally followed by :WORKFLOW, not '"
              + value
              + "'");
    }
    String rest = value.substring(colon + 1);
    int second = rest.indexOf(':');
    if (second == 0 || second == rest.length() - 1) {
      throw new IllegalArgumentException(
          "-D" + PROPERTY + " names an empty task or workflow id in '" + value + "'");
    }
    return second < 0
        ? new CrashPointHooks(moment, rest, null)
        : new CrashPointHooks(moment, rest.substring(0, second), rest.substring(second + 1));
  }

  @Override
  public void committing(String workflowId, String taskId) {
    reached("before-commit", workflowId, taskId);
  }

  @Override
  public void committed(String workflowId, String taskId) {
    reached("after-commit", workflowId, taskId);
  }

  @Override
  public void stateSaved(String workflowId, String taskId, long number) {
    reached("in-state-save", workflowId, taskId);
  }

  private void reached(String at, String workflow, String task) {
    if (!moment.equals(at)
        || !taskId.equals(task)
        || (workflowId != null && !workflowId.equals(workflow))) {
      return;
    }
    synchronized (CrashPointHooks.class) {
      System.out.println(LINE + at + " " + workflow + " " + task);
      System.out.flush();
      while (true) {
        try {
          CrashPointHooks.class.wait();
        } catch (InterruptedException e) {
          // only SIGKILL ends this
        }
      }
    }
  }
}
