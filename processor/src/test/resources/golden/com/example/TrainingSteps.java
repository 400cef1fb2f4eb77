package com.example;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.waymark.Checkpointer;
import dev.waymark.StepContext;
import dev.waymark.StepOptions;
import dev.waymark.Workflow;
import dev.waymark.internal.CurrentTask;
import dev.waymark.internal.StepDefinition;
import dev.waymark.internal.StepModule;
import dev.waymark.internal.TypeRegistrar;
import java.util.List;
import java.util.ServiceLoader;
import javax.annotation.processing.Generated;

/**
 * Workflow builders for the {@code @Step} methods of {@link Training}.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class TrainingSteps {
  private static final StepDefinition<Double> TRAIN =
      new StepDefinition<>("com.example.Training#train", "train", 1,
          args -> Training.train((Integer) args[0],
              CurrentTask.<Training.TrainingState>checkpointerOfCurrentStep()),
          StepOptions.options().retryExceptions(true));

  private static final StepDefinition<String> WHO_AM_I =
      new StepDefinition<>("com.example.Training#whoAmI", "whoAmI", 0,
          args -> Training.whoAmI(StepContext.current()));

  private static final StepDefinition<Training.TrainingState> RESTORE =
      new StepDefinition<>("com.example.Training#restore", "restore", 1,
          args -> Training.restore(CurrentTask.<Training.TrainingState>checkpointerOfCurrentStep(),
              StepContext.current(), (Integer) args[0]),
          StepOptions.options()
              .maxRetries(1)
              .retryExceptions(true));

  private static final StepDefinition<String> ADVANCE =
      new StepDefinition<>("com.example.Training#advance", "advance", 2,
          args -> Instance.TRAINING.advance((String) args[0],
              CurrentTask.<List<Training.Phase>>checkpointerOfCurrentStep(), StepContext.current(),
              (int[]) args[1]));

  private TrainingSteps() {
  }

  /**
   * Builds a task of {@link Training#train(int, Checkpointer)},
   * with its {@link Checkpointer} supplied by the runtime:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Double> train(int epochs) {
    return TRAIN.call(Workflow.of(epochs));
  }

  /**
   * Builds a task of {@link Training#train(int, Checkpointer)},
   * with its {@link Checkpointer} supplied by the runtime,
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Double> train(Workflow<? extends Integer> epochs) {
    return TRAIN.call(epochs);
  }

  /**
   * Builds a task of {@link Training#whoAmI(StepContext)},
   * with its {@link StepContext} supplied by the runtime:
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> whoAmI() {
    return WHO_AM_I.call();
  }

  /**
   * Builds a task of {@link Training#restore(Checkpointer, StepContext, int)},
   * with its {@link Checkpointer} and {@link StepContext} supplied by the runtime:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Training.TrainingState> restore(int epoch) {
    return RESTORE.call(Workflow.of(epoch));
  }

  /**
   * Builds a task of {@link Training#restore(Checkpointer, StepContext, int)},
   * with its {@link Checkpointer} and {@link StepContext} supplied by the runtime,
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Training.TrainingState> restore(Workflow<? extends Integer> epoch) {
    return RESTORE.call(epoch);
  }

  /**
   * Builds a task of {@link Training#advance(String, Checkpointer, StepContext, int[])},
   * with its {@link Checkpointer} and {@link StepContext} supplied by the runtime:
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> advance(String job, int... sizes) {
    return ADVANCE.call(Workflow.of(job), Workflow.of(sizes));
  }

  /**
   * Builds a task of {@link Training#advance(String, Checkpointer, StepContext, int[])},
   * with its {@link Checkpointer} and {@link StepContext} supplied by the runtime,
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> advance(Workflow<? extends String> job,
      Workflow<? extends int[]> sizes) {
    return ADVANCE.call(job, sizes);
  }

  /**
   * Registers the steps and checkpoint types of {@link Training};
   * found through {@link ServiceLoader}.
   */
  public static final class Module implements StepModule {
    @Override
    public List<StepDefinition<?>> steps() {
      return List.of(TRAIN, WHO_AM_I, RESTORE, ADVANCE);
    }

    @Override
    public void registerTypes(TypeRegistrar registrar) {
      registrar.register(Training.TrainingState.class, new TrainingStateSerializer());
      registrar.register(Training.Phase.class, new PhaseSerializer());
    }
  }

  /**
   * Holds the one {@link Training} that instance steps run on,
   * created when the first one runs.
   */
  private static final class Instance {
    static final Training TRAINING = new Training();
  }

  /**
   * Writes {@link Training.TrainingState} component by component
   * and reads it back through its canonical constructor.
   */
  private static final class TrainingStateSerializer extends Serializer<Training.TrainingState> {
    TrainingStateSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Training.TrainingState trainingState) {
      output.writeInt(trainingState.epoch());
      output.writeDouble(trainingState.loss());
    }

    @Override
    public Training.TrainingState read(Kryo kryo, Input input,
        Class<? extends Training.TrainingState> type) {
      int epoch = input.readInt();
      double loss = input.readDouble();
      return new Training.TrainingState(epoch, loss);
    }
  }

  /**
   * Writes {@link Training.Phase} as the constant's name,
   * so that reordering the constants keeps stored values readable.
   */
  private static final class PhaseSerializer extends Serializer<Training.Phase> {
    PhaseSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Training.Phase phase) {
      output.writeString(phase.name());
    }

    @Override
    public Training.Phase read(Kryo kryo, Input input, Class<? extends Training.Phase> type) {
      return Training.Phase.valueOf(input.readString());
    }
  }
}
