package dev.waymark.internal;

import dev.waymark.Workflow;
import dev.waymark.WorkflowGraph;
import dev.waymark.WorkflowGraph.TaskState;
import dev.waymark.WorkflowStatus;
import dev.waymark.internal.storage.Failures;
import dev.waymark.internal.storage.Payload;
import dev.waymark.internal.storage.StatusRecord;
import dev.waymark.internal.storage.TaskKeys;
import dev.waymark.internal.storage.WorkflowStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds {@link WorkflowGraph}s from a DAG built in code or stored, and draws them as text. */
public final class Graphs {
  private Graphs() {}

  /** The DAG of {@code workflow} as built in code: every task pending. */
  public static WorkflowGraph of(Workflow<?> workflow) {
    Plan plan = Plan.of(Node.of(workflow), Map.of());
    String[] ids = plan.taskIds();
    List<WorkflowGraph.Task> tasks = new ArrayList<>();
    for (int t = 0; t < plan.taskCount(); t++) {
      tasks.add(
          new WorkflowGraph.Task(
              ids[t], stepId(plan, t), TaskState.PENDING, 0, null, null, inputs(plan, ids, t)));
    }
    return new WorkflowGraph(null, null, null, tasks);
  }

  /** The recorded DAG of a stored workflow, read under {@code claim}, with each task's state. */
  static WorkflowGraph stored(String workflowId, WorkflowStatus status, WorkflowStore claim) {
    Plan plan = WorkflowQueries.recordedPlan(claim);
    String[] ids = new TaskNames(claim, plan).rootNames();
    Map<Long, Failures> failed = claim.attempts().readFailed();
    StatusRecord record = claim.status().read();
    String error = record == null ? null : record.error();
    String failedTask = status == WorkflowStatus.FAILED ? failedTask(error) : null;
    List<WorkflowGraph.Task> tasks = new ArrayList<>();
    for (int t = 0; t < plan.taskCount(); t++) {
      Payload output = claim.values().read(TaskKeys.store(TaskKeys.OUTPUT, t));
      boolean committed = output != null || Records.hasValue(claim, t);
      Payload continuation =
          committed ? null : claim.values().read(TaskKeys.store(TaskKeys.CONTINUATION, t));
      Failures failures = failed.get((long) t);
      int failedAttempts = failures == null ? 0 : failures.attempts();
      TaskState state;
      if (committed) {
        state = TaskState.COMMITTED;
      } else if (continuation != null) {
        state = TaskState.CONTINUED;
      } else if (ids[t].equals(failedTask)) {
        state = TaskState.FAILED;
        failedAttempts++; // its last attempt, which failed the run, is not among the retried ones
      } else if (failedAttempts > 0) {
        state = TaskState.RETRYING;
      } else {
        state = TaskState.PENDING;
      }
      Payload times = output != null ? output : continuation;
      tasks.add(
          new WorkflowGraph.Task(
              ids[t],
              stepId(plan, t),
              state,
              failedAttempts,
              times == null ? null : instant(times.startMillis()),
              times == null ? null : instant(times.endMillis()),
              inputs(plan, ids, t)));
    }
    return new WorkflowGraph(workflowId, status, error, tasks);
  }

  /** The task a step failure names ("... failed in task 'x' ..."), or null. */
  private static String failedTask(String error) {
    String marker = "' failed in task '";
    int at = error == null ? -1 : error.indexOf(marker);
    if (at < 0) {
      return null;
    }
    int start = at + marker.length();
    int end = error.indexOf('\'', start);
    return end < 0 ? null : error.substring(start, end);
  }

  private static String stepId(Plan plan, int t) {
    return plan.taskStep[t] == Plan.ALL ? "all" : plan.stepIds[plan.taskStep[t]];
  }

  private static List<String> inputs(Plan plan, String[] ids, int t) {
    List<String> inputs = new ArrayList<>();
    for (int code : plan.taskInputs[t]) {
      if (code >= 0) {
        inputs.add(ids[code]); // negative codes are constants
      }
    }
    return inputs;
  }

  private static Instant instant(long millis) {
    return millis == 0 ? null : Instant.ofEpochMilli(millis);
  }

  /** The fill colour of a state, shared by both drawings. */
  static String colour(TaskState state) {
    return switch (state) {
      case PENDING -> "#e0e0e0";
      case RETRYING -> "#ffe0a0";
      case CONTINUED -> "#b3d4fc";
      case COMMITTED -> "#b7e1b7";
      case FAILED -> "#f4a6a6";
    };
  }

  private static String label(WorkflowGraph.Task task) {
    String label = task.taskId() + " (" + task.state().name().toLowerCase() + ")";
    return task.failedAttempts() == 0 ? label : label + ", " + task.failedAttempts() + " failed";
  }

  /** DOT text; task ids hold only letters, digits, '.', '_', '-' and '#', safe in quotes. */
  public static String dot(WorkflowGraph graph) {
    StringBuilder out = new StringBuilder();
    String name = graph.workflowId() == null ? "workflow" : graph.workflowId();
    out.append("digraph \"").append(escape(name)).append("\" {\n");
    out.append("  rankdir=LR;\n");
    out.append("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n");
    for (WorkflowGraph.Task task : graph.tasks()) {
      out.append("  \"")
          .append(escape(task.taskId()))
          .append("\" [label=\"")
          .append(escape(label(task)))
          .append("\", fillcolor=\"")
          .append(colour(task.state()))
          .append("\"];\n");
    }
    for (WorkflowGraph.Task task : graph.tasks()) {
      for (String input : task.inputs()) {
        out.append("  \"")
            .append(escape(input))
            .append("\" -> \"")
            .append(escape(task.taskId()))
            .append("\";\n");
      }
    }
    return out.append("}\n").toString();
  }

  /** Mermaid text: nodes are named t0, t1, ... in task order, labelled with their task ids. */
  public static String mermaid(WorkflowGraph graph) {
    StringBuilder out = new StringBuilder("flowchart LR\n");
    Map<String, Integer> index = new java.util.HashMap<>();
    List<WorkflowGraph.Task> tasks = graph.tasks();
    for (int i = 0; i < tasks.size(); i++) {
      WorkflowGraph.Task task = tasks.get(i);
      index.put(task.taskId(), i);
      out.append("  t")
          .append(i)
          .append("[\"")
          .append(label(task).replace("\"", "#quot;"))
          .append("\"]:::")
          .append(task.state().name().toLowerCase())
          .append('\n');
    }
    for (int i = 0; i < tasks.size(); i++) {
      for (String input : tasks.get(i).inputs()) {
        out.append("  t").append(index.get(input)).append(" --> t").append(i).append('\n');
      }
    }
    for (TaskState state : TaskState.values()) {
      out.append("  classDef ")
          .append(state.name().toLowerCase())
          .append(" fill:")
          .append(colour(state))
          .append(",stroke:#555\n");
    }
    return out.toString();
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
