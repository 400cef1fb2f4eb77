package dev.waymark.internal;

import dev.waymark.exceptions.WorkflowConflictException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The first difference between the DAG recorded under a workflow id and one a caller runs under
 * that id again: an id names one workflow, so running another one under it is refused rather than
 * answered with the recorded one's result. Run metadata is not compared.
 */
final class PlanDifference {
  private static final int SHOWN = 60;

  private PlanDifference() {}

  /**
   * @throws WorkflowConflictException naming the first difference, when there is one
   */
  static void check(String workflowId, Plan recorded, Plan proposed) {
    String difference = first(recorded, proposed);
    if (difference != null) {
      throw new WorkflowConflictException(
          "workflow '"
              + workflowId
              + "' was recorded with a different DAG: "
              + difference
              + ". Nothing was run. Run the new workflow under another id, or continue the"
              + " recorded one with resume(\""
              + workflowId
              + "\")");
    }
  }

  /** The first difference, or null when both DAGs are the same. */
  static String first(Plan recorded, Plan proposed) {
    String[] names = recorded.taskIds();
    String[] proposedNames = proposed.taskIds();
    int common = Math.min(recorded.taskCount(), proposed.taskCount());
    for (int t = 0; t < common; t++) {
      String task = "task '" + names[t] + "'";
      String step = stepOf(recorded, t);
      String otherStep = stepOf(proposed, t);
      if (!step.equals(otherStep)) {
        return task + " is " + step + " in the recorded DAG and " + otherStep + " in this one";
      }
      int[] inputs = recorded.taskInputs[t];
      int[] otherInputs = proposed.taskInputs[t];
      for (int i = 0; i < Math.min(inputs.length, otherInputs.length); i++) {
        String input = input(recorded, names, inputs[i]);
        String otherInput = input(proposed, proposedNames, otherInputs[i]);
        if (!sameInput(recorded, inputs[i], proposed, otherInputs[i])) {
          return "input "
              + (i + 1)
              + " of "
              + task
              + " is "
              + input
              + " in the recorded DAG and "
              + otherInput
              + " in this one";
        }
      }
      if (inputs.length != otherInputs.length) {
        return task + " has " + inputs.length + " inputs there and " + otherInputs.length + " here";
      }
      String options = options(recorded.taskOptions[t], proposed.taskOptions[t]);
      if (options != null) {
        return task + " has " + options;
      }
    }
    if (recorded.taskCount() != proposed.taskCount()) {
      return "the recorded DAG has "
          + recorded.taskCount()
          + " tasks and this one "
          + proposed.taskCount()
          + (proposed.taskCount() > common
              ? " (from task '" + proposedNames[common] + "' on)"
              : " (it lacks task '" + names[common] + "' and the ones after it)");
    }
    if (recorded.output != proposed.output) {
      return "the output is task '"
          + names[recorded.output]
          + "' in the recorded DAG and task '"
          + proposedNames[proposed.output]
          + "' in this one";
    }
    return null;
  }

  /** The first option that differs, "maxRetries 3 in the recorded DAG and 5 in this one". */
  private static String options(TaskOptions a, TaskOptions b) {
    Object[][] pairs = {
      {"taskId", a.taskId(), b.taskId()},
      {"maxRetries", a.maxRetries(), b.maxRetries()},
      {"retryExceptions", a.retryExceptions(), b.retryExceptions()},
      {"backoff", a.backoff(), b.backoff()},
      {"checkpoint", a.checkpoint(), b.checkpoint()},
      {"catchExceptions", a.catching(), b.catching()},
      {"metadata", a.metadata(), b.metadata()},
      {"cpus", a.cpus(), b.cpus()},
      {"gpus", a.gpus(), b.gpus()},
      {"resources", a.resources(), b.resources()}
    };
    for (Object[] pair : pairs) {
      if (!Objects.equals(pair[1], pair[2])) {
        return pair[0] + " " + pair[1] + " in the recorded DAG and " + pair[2] + " in this one";
      }
    }
    return null;
  }

  private static String stepOf(Plan plan, int t) {
    return plan.taskStep[t] == Plan.ALL
        ? "a fan-in (Workflow.all)"
        : "step " + plan.stepIds[plan.taskStep[t]];
  }

  private static boolean sameInput(Plan a, int codeA, Plan b, int codeB) {
    if (codeA >= 0 || codeB >= 0) {
      return codeA == codeB;
    }
    byte[] bytesA = a.values[-codeA - 1];
    byte[] bytesB = b.values[-codeB - 1];
    if (Arrays.equals(bytesA, bytesB)) {
      return true;
    }
    // Equal values may still differ in bytes: a hash set or map of enums, or of records holding
    // them, iterates in another order in another JVM.
    try {
      return Objects.deepEquals(
          CheckpointCodec.deserialize(bytesA, 0, bytesA.length),
          CheckpointCodec.deserialize(bytesB, 0, bytesB.length));
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static String input(Plan plan, String[] names, int code) {
    if (code >= 0) {
      return "task '" + names[code] + "'";
    }
    byte[] bytes = plan.values[-code - 1];
    String shown;
    try {
      shown = String.valueOf(CheckpointCodec.deserialize(bytes, 0, bytes.length));
    } catch (RuntimeException e) {
      shown = bytes.length + " bytes";
    }
    if (shown.length() > SHOWN) {
      shown = shown.substring(0, SHOWN) + "...";
    }
    return "the constant " + shown;
  }
}
