package dev.waymark;

import dev.waymark.internal.Graphs;
import java.time.Instant;
import java.util.List;

/**
 * A workflow's DAG with what is known of each task: from {@link Waymark#graph} for a stored
 * workflow, or {@link #of} for one built in code (every task {@link TaskState#PENDING}). Drawn as
 * Graphviz DOT ({@link #toDot}) or Mermaid ({@link #toMermaid}) text, with nodes coloured by state.
 * A continuation's own DAG is not expanded: its task shows {@link TaskState#CONTINUED} until the
 * DAG it returned resolves.
 *
 * @param workflowId the workflow, or null for a DAG built in code
 * @param status the workflow's status, or null for a DAG built in code
 * @param error why it failed or stopped, as stored, or null
 * @param tasks the tasks in dependency order: every task comes after its inputs; the last is the
 *     workflow's output
 */
public record WorkflowGraph(
    String workflowId, WorkflowStatus status, String error, List<Task> tasks) {
  public WorkflowGraph {
    tasks = List.copyOf(tasks);
  }

  /** What became of a task. */
  public enum TaskState {
    /** Nothing of it is stored: it has not run, or is running now. */
    PENDING,
    /** Attempts of it failed and it has no output yet: it will run again. */
    RETRYING,
    /** Its step returned a DAG, which has not resolved yet. */
    CONTINUED,
    /** Its output is stored. */
    COMMITTED,
    /** Its attempts failed for good and failed the workflow. */
    FAILED
  }

  /**
   * One task.
   *
   * @param taskId its id, as {@link Waymark#getOutput(String, String)} takes it
   * @param stepId its step's id ({@code "all"} for a fan-in)
   * @param state what became of it
   * @param failedAttempts how many of its attempts failed, those a process's death cut short among
   *     them
   * @param start when the attempt whose output is stored began (null until then)
   * @param end when that output was stored (null until then)
   * @param inputs the ids of the tasks whose outputs it takes, in argument order (constants are not
   *     listed)
   */
  public record Task(
      String taskId,
      String stepId,
      TaskState state,
      int failedAttempts,
      Instant start,
      Instant end,
      List<String> inputs) {
    public Task {
      inputs = List.copyOf(inputs);
    }
  }

  /** The DAG of {@code workflow}, as built in code, each task {@link TaskState#PENDING}. */
  public static WorkflowGraph of(Workflow<?> workflow) {
    return Graphs.of(workflow);
  }

  /** Graphviz DOT text, left to right, one box per task coloured by its state. */
  public String toDot() {
    return Graphs.dot(this);
  }

  /** Mermaid flowchart text, left to right, one box per task coloured by its state. */
  public String toMermaid() {
    return Graphs.mermaid(this);
  }
}
