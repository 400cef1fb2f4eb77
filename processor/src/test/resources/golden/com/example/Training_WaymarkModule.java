package com.example;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.waymark.StepContext;
import dev.waymark.StepOptions;
import dev.waymark.internal.CurrentTask;
import dev.waymark.internal.StepDefinition;
import dev.waymark.internal.StepModule;
import dev.waymark.internal.StepRegistry;
import dev.waymark.internal.TypeRegistrar;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The step definitions and checkpoint serializers behind {@link TrainingSteps}: what the
 * Waymark runtime needs to run and resume the steps of {@link Training}. It registers
 * itself when it is first used, and {@link java.util.ServiceLoader} finds it for a JVM
 * that resumes a stored workflow.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class Training_WaymarkModule implements StepModule {
  static final StepDefinition<Double> TRAIN =
      StepDefinition.<Double>step("com.example.Training", "train")
          .inputs(1)
          .shape("in int\n"
              + "state com.example.Training.TrainingState\n"
              + "out double\n"
              + "record com.example.Training.TrainingState(epoch int, loss double)")
          .options(StepOptions.builder().retryExceptions(true).build())
          .invoker(args -> Training.train((Integer) args[0],
              CurrentTask.<Training.TrainingState>checkpointerOfCurrentStep()));

  static final StepDefinition<String> WHO_AM_I =
      StepDefinition.<String>step("com.example.Training", "whoAmI")
          .inputs(0)
          .shape("out java.lang.String")
          .invoker(args -> Training.whoAmI(StepContext.current()));

  static final StepDefinition<Training.TrainingState> RESTORE =
      StepDefinition.<Training.TrainingState>step("com.example.Training", "restore")
          .inputs(1)
          .shape("in int\n"
              + "state com.example.Training.TrainingState\n"
              + "out com.example.Training.TrainingState\n"
              + "record com.example.Training.TrainingState(epoch int, loss double)")
          .options(StepOptions.builder()
              .maxRetries(1)
              .retryExceptions(true)
              .build())
          .invoker(args -> Training.restore(CurrentTask.<Training.TrainingState>checkpointerOfCurrentStep(),
              StepContext.current(), (Integer) args[0]));

  static final StepDefinition<String> ADVANCE =
      StepDefinition.<String>step("com.example.Training", "advance")
          .inputs(2)
          .shape("in java.lang.String\n"
              + "in int[]\n"
              + "state java.util.List<com.example.Training.Phase>\n"
              + "out java.lang.String\n"
              + "enum com.example.Training.Phase{COOL_DOWN, MAIN, WARM_UP}")
          .invoker(args -> Instance.TRAINING.advance((String) args[0],
              CurrentTask.<List<Training.Phase>>checkpointerOfCurrentStep(), StepContext.current(),
              (int[]) args[1]));

  static {
    StepRegistry.register(new Training_WaymarkModule());
  }

  /**
   * Created by {@link java.util.ServiceLoader}.
   */
  public Training_WaymarkModule() {
  }

  @Override
  public List<StepDefinition<?>> steps() {
    return List.of(TRAIN, WHO_AM_I, RESTORE, ADVANCE);
  }

  @Override
  public void registerTypes(TypeRegistrar registrar) {
    registrar.register(Training.TrainingState.class, new TrainingStateSerializer(),
        "record com.example.Training.TrainingState(epoch int, loss double)");
    registrar.register(Training.Phase.class, new PhaseSerializer(),
        "enum com.example.Training.Phase{COOL_DOWN, MAIN, WARM_UP}");
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
