package dev.waymark.internal;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.waymark.RetryBackoff;
import dev.waymark.annotations.CheckpointMode;
import dev.waymark.exceptions.CheckpointCorruptedException;
import dev.waymark.internal.storage.Payload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recorded form of a {@link Plan}: the run's metadata, step ids with the hash of each step's
 * shape, constants, the distinct task options, then per task its step, options and input codes, as
 * variable-length integers. Framing and checksum are the store's job.
 */
final class DagCodec {
  private DagCodec() {}

  static byte[] encode(Plan plan) {
    return encode(plan, null, false);
  }

  /**
   * Encodes {@code plan}, a continuation's DAG when {@code names} is not null: then its tasks' ids
   * follow (see {@link TaskNames}), and whether the continuation's value is this DAG's output as is
   * (see {@link Records}). A reader that does not know them stops before them.
   */
  static byte[] encode(Plan plan, String[] names, boolean valueIsOutput) {
    Output out = new Output(256, -1);
    writeStrings(out, plan.metadata);
    out.writeVarInt(plan.stepIds.length, true);
    for (int i = 0; i < plan.stepIds.length; i++) {
      out.writeString(plan.stepIds[i]);
      out.writeLong(shapeOf(plan, i));
    }
    out.writeVarInt(plan.values.length, true);
    for (byte[] value : plan.values) {
      out.writeVarInt(value.length, true);
      out.writeBytes(value);
    }
    List<TaskOptions> distinct = new ArrayList<>();
    // Equal options are one instance within a plan (see Plan.flatten and decode): no hashing.
    Map<TaskOptions, Integer> optionIndex = new IdentityHashMap<>();
    for (TaskOptions options : plan.taskOptions) {
      optionIndex.computeIfAbsent(
          options,
          o -> {
            distinct.add(o);
            return distinct.size() - 1;
          });
    }
    out.writeVarInt(distinct.size(), true);
    for (TaskOptions options : distinct) {
      writeOptions(out, options);
    }
    int tasks = plan.taskCount();
    out.writeVarInt(tasks, true);
    for (int t = 0; t < tasks; t++) {
      out.writeVarInt(plan.taskStep[t] + 1, true);
      out.writeVarInt(optionIndex.get(plan.taskOptions[t]), true);
      int[] inputs = plan.taskInputs[t];
      out.writeVarInt(inputs.length, true);
      for (int code : inputs) {
        // Task inputs are written relative to this task (small numbers for chains).
        out.writeVarInt(code >= 0 ? (t - code) << 1 : (-code - 1) << 1 | 1, true);
      }
    }
    out.writeVarInt(plan.output, true);
    if (names != null) {
      out.writeVarInt(names.length, true);
      for (String name : names) {
        out.writeString(name);
      }
      out.writeBoolean(valueIsOutput);
    }
    return out.toBytes();
  }

  /** Decodes a recorded DAG; steps this JVM lacks are left null. */
  /** Decodes a recorded DAG, naming the file it was read from when it cannot. */
  static Plan decode(Payload payload) {
    return decode(payload.copy(), payload.file());
  }

  static Plan decode(byte[] bytes, Path file) {
    try (Input in = new Input(bytes)) {
      Map<String, String> metadata = readStrings(in);
      int stepCount = in.readVarInt(true);
      String[] ids = new String[stepCount];
      long[] shapes = new long[stepCount];
      StepDefinition<?>[] steps = new StepDefinition<?>[stepCount];
      StepRegistry registry = StepRegistry.get();
      for (int i = 0; i < stepCount; i++) {
        ids[i] = in.readString();
        shapes[i] = in.readLong();
        steps[i] = registry.step(ids[i]);
      }
      int valueCount = in.readVarInt(true);
      byte[][] values = new byte[valueCount][];
      for (int i = 0; i < valueCount; i++) {
        values[i] = in.readBytes(in.readVarInt(true));
      }
      TaskOptions[] distinct = new TaskOptions[in.readVarInt(true)];
      for (int i = 0; i < distinct.length; i++) {
        distinct[i] = readOptions(in);
      }
      int tasks = in.readVarInt(true);
      int[] taskStep = new int[tasks];
      TaskOptions[] taskOptions = new TaskOptions[tasks];
      int[][] taskInputs = new int[tasks][];
      for (int t = 0; t < tasks; t++) {
        taskStep[t] = in.readVarInt(true) - 1;
        if (taskStep[t] < Plan.ALL || taskStep[t] >= stepCount) {
          throw new KryoException("task " + t + " names step #" + taskStep[t]);
        }
        int option = in.readVarInt(true);
        if (option >= distinct.length) {
          throw new KryoException("task " + t + " names options #" + option);
        }
        taskOptions[t] = distinct[option];
        int[] inputs = new int[in.readVarInt(true)];
        for (int i = 0; i < inputs.length; i++) {
          int raw = in.readVarInt(true);
          int code = (raw & 1) == 0 ? t - (raw >>> 1) : -(raw >>> 1) - 1;
          if (code >= t || code < -valueCount) {
            throw new KryoException("task " + t + " has an input out of range");
          }
          inputs[i] = code;
        }
        taskInputs[t] = inputs;
      }
      int output = in.readVarInt(true);
      if (output < 0 || output >= tasks) {
        throw new KryoException("output task out of range");
      }
      Plan plan =
          new Plan(ids, steps, taskStep, taskInputs, taskOptions, values, output, metadata, shapes);
      if (!in.end()) {
        String[] names = new String[in.readVarInt(true)];
        if (names.length != tasks) {
          throw new KryoException("the DAG names " + names.length + " of its " + tasks + " tasks");
        }
        for (int t = 0; t < tasks; t++) {
          names[t] = in.readString();
          if (names[t] == null) {
            throw new KryoException("task " + t + " has no id");
          }
        }
        plan.storedNames = names;
        plan.valueIsOutput = in.readBoolean();
      }
      return plan;
    } catch (KryoException | NegativeArraySizeException | IllegalArgumentException e) {
      throw new CheckpointCorruptedException(
          file, "holds a DAG that cannot be decoded: " + e.getMessage(), e);
    }
  }

  /** The shape a step had when its DAG was recorded, or has now for a DAG built here. */
  private static long shapeOf(Plan plan, int step) {
    return plan.recordedShapes != null ? plan.recordedShapes[step] : plan.steps[step].shapeHash();
  }

  private static void writeOptions(Output out, TaskOptions options) {
    out.writeString(options.taskId());
    out.writeVarInt(options.maxRetries(), true);
    out.writeBoolean(options.retryExceptions());
    out.writeVarLong(options.backoff().initial().toMillis(), true);
    out.writeDouble(options.backoff().multiplier());
    out.writeVarLong(options.backoff().max().toMillis(), true);
    out.writeVarInt(options.checkpoint().ordinal(), true);
    out.writeBoolean(options.catching());
    writeStrings(out, options.metadata());
    out.writeDouble(options.cpus());
    out.writeDouble(options.gpus());
    out.writeVarInt(options.resources().size(), true);
    for (Map.Entry<String, Double> resource : options.resources().entrySet()) {
      out.writeString(resource.getKey());
      out.writeDouble(resource.getValue());
    }
  }

  private static TaskOptions readOptions(Input in) {
    String taskId = in.readString();
    int maxRetries = in.readVarInt(true);
    boolean retryExceptions = in.readBoolean();
    RetryBackoff backoff =
        new RetryBackoff(
            Duration.ofMillis(in.readVarLong(true)),
            in.readDouble(),
            Duration.ofMillis(in.readVarLong(true)));
    int checkpoint = in.readVarInt(true);
    if (checkpoint >= CheckpointMode.values().length) {
      throw new KryoException("unknown checkpoint mode #" + checkpoint);
    }
    boolean catching = in.readBoolean();
    Map<String, String> metadata = readStrings(in);
    double cpus = in.readDouble();
    double gpus = in.readDouble();
    int resourceCount = in.readVarInt(true);
    Map<String, Double> resources = new LinkedHashMap<>();
    for (int i = 0; i < resourceCount; i++) {
      resources.put(in.readString(), in.readDouble());
    }
    return new TaskOptions(
        taskId,
        maxRetries,
        retryExceptions,
        backoff,
        CheckpointMode.values()[checkpoint],
        catching,
        metadata,
        cpus,
        gpus,
        Map.copyOf(resources));
  }

  private static void writeStrings(Output out, Map<String, String> map) {
    out.writeVarInt(map.size(), true);
    if (map.isEmpty()) {
      return;
    }
    for (Map.Entry<String, String> entry : map.entrySet()) {
      out.writeString(entry.getKey());
      out.writeString(entry.getValue());
    }
  }

  private static Map<String, String> readStrings(Input in) {
    int size = in.readVarInt(true);
    if (size == 0) {
      return Map.of();
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      map.put(in.readString(), in.readString());
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
