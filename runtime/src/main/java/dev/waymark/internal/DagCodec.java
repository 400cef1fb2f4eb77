package dev.waymark.internal;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.waymark.CheckpointCorruptedException;
import java.nio.file.Path;

/**
 * The recorded form of a {@link Plan}: step ids, constants, then per task its step and input codes,
 * all as variable-length integers. Framing and checksum are the store's job.
 */
final class DagCodec {
  private DagCodec() {}

  static byte[] encode(Plan plan) {
    Output out = new Output(1024, -1);
    out.writeVarInt(plan.stepIds.length, true);
    for (String id : plan.stepIds) {
      out.writeString(id);
    }
    out.writeVarInt(plan.values.length, true);
    for (byte[] value : plan.values) {
      out.writeVarInt(value.length, true);
      out.writeBytes(value);
    }
    int tasks = plan.taskCount();
    out.writeVarInt(tasks, true);
    for (int t = 0; t < tasks; t++) {
      out.writeVarInt(plan.taskStep[t] + 1, true);
      int[] inputs = plan.taskInputs[t];
      out.writeVarInt(inputs.length, true);
      for (int code : inputs) {
        // Task inputs are written relative to this task (small numbers for chains).
        out.writeVarInt(code >= 0 ? (t - code) << 1 : (-code - 1) << 1 | 1, true);
      }
    }
    out.writeVarInt(plan.output, true);
    return out.toBytes();
  }

  /** Decodes a recorded DAG; steps this JVM lacks are left null. */
  static Plan decode(byte[] bytes, Path file) {
    try (Input in = new Input(bytes)) {
      int stepCount = in.readVarInt(true);
      String[] ids = new String[stepCount];
      StepDefinition<?>[] steps = new StepDefinition<?>[stepCount];
      for (int i = 0; i < stepCount; i++) {
        ids[i] = in.readString();
        steps[i] = CheckpointTypes.get().step(ids[i]);
      }
      int valueCount = in.readVarInt(true);
      byte[][] values = new byte[valueCount][];
      for (int i = 0; i < valueCount; i++) {
        values[i] = in.readBytes(in.readVarInt(true));
      }
      int tasks = in.readVarInt(true);
      int[] taskStep = new int[tasks];
      int[][] taskInputs = new int[tasks][];
      for (int t = 0; t < tasks; t++) {
        taskStep[t] = in.readVarInt(true) - 1;
        if (taskStep[t] < Plan.ALL || taskStep[t] >= stepCount) {
          throw new KryoException("task " + t + " names step #" + taskStep[t]);
        }
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
      return new Plan(ids, steps, taskStep, taskInputs, values, output);
    } catch (KryoException | NegativeArraySizeException e) {
      throw new CheckpointCorruptedException(
          file, "holds a DAG that cannot be decoded: " + e.getMessage(), e);
    }
  }
}
