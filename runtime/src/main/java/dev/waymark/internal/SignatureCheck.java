package dev.waymark.internal;

import dev.waymark.exceptions.WorkflowNotResumableException;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.WorkflowStore;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Decides whether what a stored workflow recorded can be used by the code this JVM runs: a value is
 * only ever read with the shape that wrote it. Each step of a recorded DAG carries the hash of the
 * shape it had (its input, state and result types and the records and enums they reach, see {@link
 * ShapeText}); the storage keeps the text behind every hash. Equal hashes pass at once; otherwise
 * the two texts are compared, and a difference that matters is refused with a {@link
 * WorkflowNotResumableException} that names the workflow, the step, the type and the change.
 */
final class SignatureCheck {
  private static final byte READ_OK = 1;
  private static final byte RUN_OK = 2;

  /** Verdicts by (recorded hash, current hash, read only): null text means compatible. */
  private static final Map<Verdict, String> VERDICTS = new ConcurrentHashMap<>();

  private record Verdict(long recorded, long current, boolean readOnly) {}

  private static final String NO_DIFFERENCE = "";

  private SignatureCheck() {}

  /** Keeps the text of every step shape of {@code plan} in the storage, before it is recorded. */
  static void keepShapes(WorkflowStore claim, Plan plan) {
    Storage.Shapes shapes = claim.shapes();
    if (plan.shapesKeptIn == shapes) {
      return; // a plan run again, on the same storage
    }
    for (StepDefinition<?> step : plan.steps) {
      shapes.record(step.shapeHash(), step.shape());
    }
    plan.shapesKeptIn = shapes;
  }

  /**
   * Checks that task {@code t} of a recorded {@code plan} may run with this JVM's step ({@code
   * readOnly} false), or that its stored output may be read ({@code readOnly} true).
   *
   * @throws WorkflowNotResumableException when it may not
   */
  static void check(WorkflowStore claim, String workflowId, Plan plan, int t, boolean readOnly) {
    if (plan.recordedShapes == null || plan.taskStep[t] == Plan.ALL) {
      return; // built by this JVM's code, or a fan-in, which stores nothing of its own
    }
    int s = plan.taskStep[t];
    StepDefinition<?> step = plan.steps[s];
    if (step == null || plan.checked[s] == RUN_OK || (readOnly && plan.checked[s] == READ_OK)) {
      return; // a missing step is refused where it is needed
    }
    long recorded = plan.recordedShapes[s];
    String problem = NO_DIFFERENCE;
    if (recorded != step.shapeHash()) {
      Verdict key = new Verdict(recorded, step.shapeHash(), readOnly);
      problem = VERDICTS.get(key);
      if (problem == null) {
        String text = claim.shapes().read(recorded);
        if (text == null) {
          problem = missing(recorded, step);
        } else {
          problem = compare(text, step, readOnly);
          VERDICTS.put(key, problem);
        }
      }
    }
    if (!problem.isEmpty()) {
      throw new WorkflowNotResumableException(
          problem.replace("{workflow}", workflowId) + whatToDo(workflowId));
    }
    plan.checked[s] = readOnly ? READ_OK : RUN_OK;
  }

  /**
   * Checks that the stored value of task {@code key} of a workflow whose recorded DAG is {@code
   * root} may be read: the task's step, found in whichever stored DAG holds the task, must still
   * produce the shape it stored; a fan-in's value holds its inputs', so theirs are checked.
   */
  static void checkReadable(WorkflowStore claim, String workflowId, Plan root, long key) {
    TaskLocator.Located located =
        key >= 0 && key < root.taskCount()
            ? new TaskLocator.Located(root, (int) key)
            : TaskLocator.locate(claim, root, key);
    if (located != null) {
      checkReadable(claim, workflowId, located.plan(), located.task());
    }
  }

  /** Checks task {@code t} of {@code plan} for reading, through fan-ins to what they hold. */
  static void checkReadable(WorkflowStore claim, String workflowId, Plan plan, int t) {
    ArrayDeque<Integer> pending = new ArrayDeque<>();
    pending.push(t);
    while (!pending.isEmpty()) {
      int task = pending.pop();
      if (plan.taskStep[task] == Plan.ALL) {
        for (int code : plan.taskInputs[task]) {
          if (code >= 0) {
            pending.push(code);
          }
        }
      } else {
        check(claim, workflowId, plan, task, true);
      }
    }
  }

  private static String subject(StepDefinition<?> step) {
    return "step '" + step.taskName() + "' (" + step.id() + ")";
  }

  private static String missing(long recorded, StepDefinition<?> step) {
    return subject(step)
        + " changed since workflow '{workflow}' was recorded, and the storage no longer holds"
        + " the shape it had then (shapes/"
        + String.format("%016x", recorded)
        + ".bin), so nothing can tell whether its stored values still read the same";
  }

  /**
   * The difference between the {@code recorded} shape text and {@code step}'s, as a message with a
   * {@code {workflow}} slot, or "" when none matters.
   */
  private static String compare(String recorded, StepDefinition<?> step, boolean readOnly) {
    String subject = subject(step);
    ShapeText.Change change =
        ShapeText.difference(ShapeText.parse(recorded), ShapeText.parse(step.shape()), readOnly);
    if (change == null) {
      return NO_DIFFERENCE;
    }
    if (change.type() == null) {
      return subject + " changed since workflow '{workflow}' was recorded: " + change.detail();
    }
    return change.type()
        + " changed since workflow '{workflow}' was recorded: "
        + change.detail()
        + "; "
        + subject
        + (readOnly ? " stored a value of it" : " stores or reads values of it");
  }

  private static String whatToDo(String workflowId) {
    return ". The workflow keeps everything it stored: finish it with the code it was recorded"
        + " with, or delete it (delete(\""
        + workflowId
        + "\")) and run it again. To change a step while workflows that use it are in flight,"
        + " keep the old method and give the new one a new @Step(version = ...): see \"Upgrading"
        + " workflow code\" in the README";
  }

  /** A step this DAG needs that no class of this JVM declares, in any version or in this one. */
  static WorkflowNotResumableException missingStep(String workflowId, String id) {
    List<String> others = StepRegistry.get().otherVersions(id);
    String base = "workflow '" + workflowId + "' needs step " + id;
    if (others.isEmpty()) {
      return new WorkflowNotResumableException(
          base
              + ", which no class on this JVM's class path declares: the workflow keeps what it"
              + " stored; run it with the code it was recorded with, where that step exists");
    }
    int version = StepDefinition.versionOf(id);
    String name = StepDefinition.unversioned(id);
    List<Integer> versions = others.stream().map(StepDefinition::versionOf).toList();
    return new WorkflowNotResumableException(
        "workflow '"
            + workflowId
            + "' needs version "
            + version
            + " of step "
            + name
            + ", but this code declares only version"
            + (versions.size() == 1 ? " " : "s ")
            + versions.stream().map(String::valueOf).collect(Collectors.joining(", "))
            + ": keep the version-"
            + version
            + " method, annotated @Step(name = \""
            + name.substring(name.indexOf('#') + 1)
            + "\", version = "
            + version
            + "), until the workflows recorded with it have finished; the workflow keeps what it"
            + " stored");
  }
}
