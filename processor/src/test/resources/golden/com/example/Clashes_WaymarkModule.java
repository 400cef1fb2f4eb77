package com.example;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.waymark.internal.StepDefinition;
import dev.waymark.internal.StepModule;
import dev.waymark.internal.StepRegistry;
import dev.waymark.internal.TypeRegistrar;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The step definitions and checkpoint serializers behind {@link ClashesSteps}: what the
 * Waymark runtime needs to run and resume the steps of {@link Clashes}. It registers
 * itself when it is first used, and {@link java.util.ServiceLoader} finds it for a JVM
 * that resumes a stored workflow.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class Clashes_WaymarkModule implements StepModule {
  static final StepDefinition<Integer> READ_DATA =
      StepDefinition.<Integer>step("com.example.Clashes", "readData")
          .inputs(1)
          .shape("in int\n"
              + "out int")
          .invoker(args -> Clashes.readData((Integer) args[0]));

  static final StepDefinition<Integer> READ_DATA_ =
      StepDefinition.<Integer>step("com.example.Clashes", "read_data")
          .inputs(1)
          .shape("in int\n"
              + "out int")
          .invoker(args -> Clashes.read_data((Integer) args[0]));

  static final StepDefinition<Clashes.Input> COPY =
      StepDefinition.<Clashes.Input>step("com.example.Clashes", "copy")
          .inputs(2)
          .shape("in com.example.Clashes.Input\n"
              + "in com.example.Clashes.Module\n"
              + "out com.example.Clashes.Input\n"
              + "record com.example.Clashes.Input(kryo int, type java.lang.String, input long)\n"
              + "record com.example.Clashes.Module(name java.lang.String)")
          .invoker(args -> Clashes.copy((Clashes.Input) args[0], (Clashes.Module) args[1]));

  static {
    StepRegistry.register(new Clashes_WaymarkModule());
  }

  /**
   * Created by {@link java.util.ServiceLoader}.
   */
  public Clashes_WaymarkModule() {
  }

  @Override
  public List<StepDefinition<?>> steps() {
    return List.of(READ_DATA, READ_DATA_, COPY);
  }

  @Override
  public void registerTypes(TypeRegistrar registrar) {
    registrar.register(Clashes.Input.class, new InputSerializer(),
        "record com.example.Clashes.Input(kryo int, type java.lang.String, input long)");
    registrar.register(Clashes.Module.class, new ModuleSerializer(),
        "record com.example.Clashes.Module(name java.lang.String)");
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
