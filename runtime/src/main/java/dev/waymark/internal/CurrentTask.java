package dev.waymark.internal;

import dev.waymark.Checkpointer;
import dev.waymark.StepContext;

/**
 * The step running on this thread, as a mutable per-thread holder the engine fills before each
 * invocation (no allocation on the hot path); {@link StepContext} views are made on demand.
 */
public final class CurrentTask {
  private static final ThreadLocal<CurrentTask> CURRENT = ThreadLocal.withInitial(CurrentTask::new);

  private Execution run;
  private Frame frame;
  private int task;
  private int attempt;
  private StateCheckpointer<?> checkpointer;

  /** For a step another member lent this one: its workflow and task; else null. */
  private String lentWorkflowId;

  private String lentTaskId;

  private CurrentTask() {}

  static CurrentTask enter(Execution run, Frame frame, int task, int attempt) {
    CurrentTask current = CURRENT.get();
    current.run = run;
    current.frame = frame;
    current.task = task;
    current.attempt = attempt;
    current.checkpointer = null;
    current.lentWorkflowId = null;
    return current;
  }

  /** For a step another member lent this one, which has no run here. */
  static CurrentTask enterLent(String workflowId, String taskId, int attempt) {
    CurrentTask current = CURRENT.get();
    current.run = null;
    current.frame = null;
    current.task = -1;
    current.attempt = attempt;
    current.checkpointer = null;
    current.lentWorkflowId = workflowId;
    current.lentTaskId = taskId;
    return current;
  }

  /** The checkpointer the step used, if it asked for one. */
  StateCheckpointer<?> checkpointer() {
    return checkpointer;
  }

  void exit() {
    run = null;
    frame = null;
    checkpointer = null;
    lentWorkflowId = null;
    lentTaskId = null;
  }

  /** The public view of the step running on this thread. */
  public static StepContext context() {
    CurrentTask current = CURRENT.get();
    if (current.run == null && current.lentWorkflowId == null) {
      throw new IllegalStateException(
          "no step is running on this thread: StepContext.current() works inside a step body");
    }
    return current.new View();
  }

  /** Supplies a step's {@code Checkpointer} parameter. */
  public static <S> Checkpointer<S> checkpointerOfCurrentStep() {
    return context().checkpointer();
  }

  private final class View implements StepContext {
    private final Execution run = CurrentTask.this.run;
    private final Frame frame = CurrentTask.this.frame;
    private final int task = CurrentTask.this.task;
    private final int attempt = CurrentTask.this.attempt;
    private final String lentWorkflowId = CurrentTask.this.lentWorkflowId;
    private final String lentTaskId = CurrentTask.this.lentTaskId;

    @Override
    public String workflowId() {
      return run == null ? lentWorkflowId : run.workflowId();
    }

    @Override
    public String taskId() {
      return frame == null ? lentTaskId : frame.name(task);
    }

    @Override
    public int attempt() {
      return attempt;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> Checkpointer<S> checkpointer() {
      if (run == null) {
        throw new StepLending.NotLendable("it asks for its Checkpointer");
      }
      if (CurrentTask.this.run != run
          || CurrentTask.this.frame != frame
          || CurrentTask.this.task != task) {
        throw new IllegalStateException("the step this context belongs to has returned");
      }
      if (checkpointer == null) {
        checkpointer = new StateCheckpointer<>(run, frame.key(task), frame.name(task), attempt);
      }
      return (Checkpointer<S>) checkpointer;
    }
  }
}
