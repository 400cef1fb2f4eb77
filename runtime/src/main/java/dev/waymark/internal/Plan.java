package dev.waymark.internal;

import dev.waymark.StepOptions;
import dev.waymark.annotations.CheckpointMode;
import dev.waymark.internal.storage.Storage;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow DAG flattened into arrays: tasks in DAG order (every input before its users), each
 * with its step and inputs. An input code {@code c >= 0} is a task index; {@code c < 0} is the
 * constant {@code values[-c - 1]}. Constants are deduplicated by content, so the same value passed
 * to many steps is stored once. This is the form that is recorded and resumed.
 */
final class Plan {
  /** The task kind of a fan-in. */
  static final int ALL = -1;

  final String[] stepIds;

  /** Resolved steps, parallel to {@link #stepIds}; null where this JVM lacks the step. */
  final StepDefinition<?>[] steps;

  /** Per task: index into {@link #stepIds}, or {@link #ALL}. */
  final int[] taskStep;

  final int[][] taskInputs;

  /** Per task: its settled options (shared instances). */
  final TaskOptions[] taskOptions;

  final byte[][] values;
  final int output;

  /** The run's user metadata. */
  final Map<String, String> metadata;

  /**
   * Per step, the hash of the shape it had when this DAG was recorded; null for a DAG built by this
   * JVM's code, whose steps have the shapes they have.
   */
  final long[] recordedShapes;

  /** Per step, what {@link SignatureCheck} found already; see there. */
  final byte[] checked;

  Plan(
      String[] stepIds,
      StepDefinition<?>[] steps,
      int[] taskStep,
      int[][] taskInputs,
      TaskOptions[] taskOptions,
      byte[][] values,
      int output,
      Map<String, String> metadata,
      long[] recordedShapes) {
    this.recordedShapes = recordedShapes;
    this.checked = new byte[stepIds.length];
    this.stepIds = stepIds;
    this.steps = steps;
    this.taskStep = taskStep;
    this.taskInputs = taskInputs;
    this.taskOptions = taskOptions;
    this.values = values;
    this.output = output;
    this.metadata = metadata;
  }

  int taskCount() {
    return taskStep.length;
  }

  /**
   * The name a task's id starts with: its task id option, else its step's name, whatever the step's
   * version.
   */
  String baseName(int t) {
    if (taskStep[t] == ALL) {
      return "all";
    }
    String taskId = taskOptions[t].taskId();
    if (taskId != null) {
      return taskId;
    }
    StepDefinition<?> step = steps[taskStep[t]];
    if (step != null) {
      return step.taskName(); // what the id below gives, without a substring per call
    }
    String stepId = StepDefinition.unversioned(stepIds[taskStep[t]]);
    return stepId.substring(stepId.lastIndexOf('#') + 1);
  }

  /**
   * Task ids in task order: the base name, then {@code name_1}, {@code name_2}, ... for repeats.
   */
  String[] taskIds() {
    String[] ids = new String[taskStep.length];
    Map<String, Integer> seen = new HashMap<>();
    for (int t = 0; t < ids.length; t++) {
      String base = baseName(t);
      int n = seen.merge(base, 1, Integer::sum) - 1;
      ids[t] = n == 0 ? base : base + "_" + n;
    }
    return ids;
  }

  /**
   * The plan of {@code root}: made once per node and metadata, since a node is immutable and the
   * plan depends on nothing else, so that a workflow run many times under different ids is
   * flattened (and its DAG encoded, see {@link #dag}) once.
   */
  static Plan of(Node<?> root, Map<String, String> metadata) {
    Plan planned = root.planned;
    if (planned != null && planned.metadata.equals(metadata)) {
      return planned;
    }
    Plan plan = flatten(root, metadata);
    root.planned = plan;
    return plan;
  }

  /** The encoded DAG ({@link DagCodec#encode}), encoded when first asked. */
  byte[] dag() {
    byte[] encoded = dag;
    if (encoded == null) {
      dag = encoded = DagCodec.encode(this);
    }
    return encoded;
  }

  private volatile byte[] dag;

  /** The ids of a continuation DAG's tasks, when its record holds them; see {@link TaskNames}. */
  String[] storedNames;

  /**
   * For a continuation DAG read from its record: whether the value of the task that returned it is
   * this DAG's output as is (the task catches nothing); see {@link Records}.
   */
  boolean valueIsOutput;

  /** The storage's shapes this plan's step shapes were last kept in (see SignatureCheck). */
  volatile Storage.Shapes shapesKeptIn;

  /** Flattens the DAG below {@code root} without recursion, so any depth fits. */
  private static Plan flatten(Node<?> root, Map<String, String> metadata) {
    if (root instanceof ValueNode) {
      throw new IllegalArgumentException(
          "a constant (Workflow.of) is not a workflow to run: pass it to a step");
    }
    Map<Node<?>, Integer> codes = new IdentityHashMap<>();
    Map<ByteBuffer, Integer> valueCodes = new HashMap<>();
    List<byte[]> values = new ArrayList<>();
    Map<StepDefinition<?>, Integer> stepIndex = new IdentityHashMap<>();
    List<StepDefinition<?>> steps = new ArrayList<>();
    List<int[]> inputs = new ArrayList<>();
    int[] taskStep = new int[16];
    List<TaskOptions> options = new ArrayList<>();
    Map<TaskOptions, TaskOptions> sharedOptions = new HashMap<>();
    StepOptions lastCall = null;
    StepDefinition<?> lastStep = null;
    boolean lastCatching = false;
    TaskOptions lastResolved = null;

    ArrayDeque<Node<?>> stack = new ArrayDeque<>();
    ArrayDeque<Integer> cursor = new ArrayDeque<>();
    stack.push(root);
    cursor.push(0);
    while (!stack.isEmpty()) {
      Node<?> node = stack.peek();
      if (node instanceof ValueNode<?> value) {
        stack.pop();
        cursor.pop();
        int code =
            valueCodes.computeIfAbsent(
                ByteBuffer.wrap(value.bytes),
                k -> {
                  values.add(value.bytes);
                  return -values.size();
                });
        codes.put(node, code);
        continue;
      }
      Node<?>[] in = node.inputs();
      int next = cursor.pop();
      while (next < in.length && codes.containsKey(in[next])) {
        next++;
      }
      if (next < in.length) {
        cursor.push(next + 1);
        stack.push(in[next]);
        cursor.push(0);
        continue;
      }
      stack.pop();
      int[] codesOfInputs = new int[in.length];
      for (int i = 0; i < in.length; i++) {
        codesOfInputs[i] = codes.get(in[i]);
      }
      int task = inputs.size();
      inputs.add(codesOfInputs);
      if (task == taskStep.length) {
        taskStep = Arrays.copyOf(taskStep, task * 2);
      }
      if (node instanceof StepNode<?> step) {
        taskStep[task] =
            stepIndex.computeIfAbsent(
                step.step,
                s -> {
                  steps.add(s);
                  return steps.size() - 1;
                });
        if (step.callOptions != lastCall
            || step.step != lastStep
            || step.catching != lastCatching) {
          // resolved once per run of nodes with the same step and options (a chain, a fan-out)
          if (step.callOptions.isEmpty()) {
            lastResolved = step.step.resolvedOptions(step.catching);
          } else {
            TaskOptions resolved =
                TaskOptions.resolve(
                    TaskOptions.merge(step.callOptions, step.step.options()), step.catching);
            lastResolved = sharedOptions.computeIfAbsent(resolved, o -> o);
          }
          lastCall = step.callOptions;
          lastStep = step.step;
          lastCatching = step.catching;
        }
        options.add(lastResolved);
      } else {
        taskStep[task] = ALL;
        options.add(TaskOptions.FAN_IN);
      }
      codes.put(node, task);
    }
    String[] ids = new String[steps.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = steps.get(i).id();
    }
    int count = inputs.size();
    return new Plan(
        ids,
        steps.toArray(new StepDefinition<?>[0]),
        Arrays.copyOf(taskStep, count),
        inputs.toArray(new int[0][]),
        options.toArray(new TaskOptions[0]),
        values.toArray(new byte[0][]),
        count - 1,
        metadata.isEmpty()
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata)),
        null);
  }

  /**
   * For the DAG returned by task {@code parentName}, whose DAG is not stored: a stored output
   * inside could never be found again, except the output's (it resolves the parent), so any other
   * checkpoint TRUE is refused.
   */
  void checkOnlyOutputStored(String parentName) {
    for (int i = 0; i < taskCount(); i++) {
      if (i != output && taskOptions[i].checkpoint() == CheckpointMode.TRUE) {
        throw new IllegalStateException(
            "task '"
                + baseName(i)
                + "' asks for checkpoint TRUE inside the continuation of task '"
                + parentName
                + "', whose checkpoint is FALSE: that DAG is not stored, so the output could never"
                + " be found again. Only the continuation's output step may be TRUE (it lets"
                + " recovery skip re-running '"
                + parentName
                + "'); remove the option or store the parent");
      }
    }
  }
}
