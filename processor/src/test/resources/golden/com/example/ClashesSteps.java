package com.example;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.waymark.Workflow;
import dev.waymark.internal.StepDefinition;
import dev.waymark.internal.StepModule;
import dev.waymark.internal.TypeRegistrar;
import java.util.List;
import java.util.ServiceLoader;
import javax.annotation.processing.Generated;

/**
 * Workflow builders for the {@code @Step} methods of {@link Clashes}.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class ClashesSteps {
  private static final StepDefinition<Integer> READ_DATA =
      new StepDefinition<>("com.example.Clashes#readData", "readData", 1,
          args -> Clashes.readData((Integer) args[0]));

  private static final StepDefinition<Integer> READ_DATA_ =
      new StepDefinition<>("com.example.Clashes#read_data", "read_data", 1,
          args -> Clashes.read_data((Integer) args[0]));

  private static final StepDefinition<Clashes.Input> COPY =
      new StepDefinition<>("com.example.Clashes#copy", "copy", 2,
          args -> Clashes.copy((Clashes.Input) args[0], (Clashes.Module) args[1]));

  private ClashesSteps() {
  }

  /**
   * Builds a task of {@link Clashes#readData(int)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> readData(int READ_DATA__) {
    return READ_DATA.call(Workflow.of(READ_DATA__));
  }

  /**
   * Builds a task of {@link Clashes#readData(int)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> readData(Workflow<? extends Integer> READ_DATA__) {
    return READ_DATA.call(READ_DATA__);
  }

  /**
   * Builds a task of {@link Clashes#read_data(int)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> read_data(int Workflow_) {
    return READ_DATA_.call(Workflow.of(Workflow_));
  }

  /**
   * Builds a task of {@link Clashes#read_data(int)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> read_data(Workflow<? extends Integer> Workflow_) {
    return READ_DATA_.call(Workflow_);
  }

  /**
   * Builds a task of {@link Clashes#copy(Clashes.Input, Clashes.Module)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Clashes.Input> copy(Clashes.Input input, Clashes.Module module) {
    return COPY.call(Workflow.of(input), Workflow.of(module));
  }

  /**
   * Builds a task of {@link Clashes#copy(Clashes.Input, Clashes.Module)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Clashes.Input> copy(Workflow<? extends Clashes.Input> input,
      Workflow<? extends Clashes.Module> module) {
    return COPY.call(input, module);
  }

  /**
   * Registers the steps and checkpoint types of {@link Clashes};
   * found through {@link ServiceLoader}.
   */
  public static final class Module implements StepModule {
    @Override
    public List<StepDefinition<?>> steps() {
      return List.of(READ_DATA, READ_DATA_, COPY);
    }

    @Override
    public void registerTypes(TypeRegistrar registrar) {
      registrar.register(Clashes.Input.class, new InputSerializer());
      registrar.register(Clashes.Module.class, new ModuleSerializer());
    }
  }

  /**
   * Writes {@link Clashes.Input} component by component
   * and reads it back through its canonical constructor.
   */
  private static final class InputSerializer extends Serializer<Clashes.Input> {
    InputSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Clashes.Input input) {
      output.writeInt(input.kryo());
      kryo.writeClassAndObject(output, input.type());
      output.writeLong(input.input());
    }

    @Override
    public Clashes.Input read(Kryo kryo, Input input, Class<? extends Clashes.Input> type) {
      int kryo_ = input.readInt();
      String type_ = (String) kryo.readClassAndObject(input);
      long input_ = input.readLong();
      return new Clashes.Input(kryo_, type_, input_);
    }
  }

  /**
   * Writes {@link Clashes.Module} component by component
   * and reads it back through its canonical constructor.
   */
  private static final class ModuleSerializer extends Serializer<Clashes.Module> {
    ModuleSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Clashes.Module module) {
      kryo.writeClassAndObject(output, module.name());
    }

    @Override
    public Clashes.Module read(Kryo kryo, Input input, Class<? extends Clashes.Module> type) {
      String name = (String) kryo.readClassAndObject(input);
      return new Clashes.Module(name);
    }
  }
}
