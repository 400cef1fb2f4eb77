package com.example;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.waymark.Result;
import dev.waymark.internal.StepDefinition;
import dev.waymark.internal.StepModule;
import dev.waymark.internal.StepRegistry;
import dev.waymark.internal.TypeRegistrar;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The step definitions and checkpoint serializers behind {@link MathSteps}: what the
 * Waymark runtime needs to run and resume the steps of {@link Math}. It registers
 * itself when it is first used, and {@link java.util.ServiceLoader} finds it for a JVM
 * that resumes a stored workflow.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class Math_WaymarkModule implements StepModule {
  static final StepDefinition<Integer> MUL =
      StepDefinition.<Integer>step("com.example.Math", "mul")
          .inputs(2)
          .shape("in int\n"
              + "in int\n"
              + "out int")
          .invoker(args -> Math.mul((Integer) args[0], (Integer) args[1]));

  static final StepDefinition<Integer> FACTORIAL =
      StepDefinition.<Integer>step("com.example.Math", "factorial")
          .inputs(1)
          .shape("in int\n"
              + "out java.lang.Integer")
          .continuation()
          .invoker(args -> Math.factorial((Integer) args[0]));

  static final StepDefinition<String> LINE =
      StepDefinition.<String>step("com.example.Math", "line")
          .inputs(2)
          .shape("in int\n"
              + "in int\n"
              + "out java.lang.String")
          .invoker(args -> Math.line((Integer) args[0], (Integer) args[1]));

  static final StepDefinition<List<String>> TABLE =
      StepDefinition.<List<String>>step("com.example.Math", "table")
          .inputs(1)
          .shape("in int\n"
              + "out java.util.List<java.lang.String>")
          .continuation()
          .invoker(args -> Math.table((Integer) args[0]));

  static final StepDefinition<Result<Integer>> CHECKED_FACTORIAL =
      StepDefinition.<Result<Integer>>step("com.example.Math", "checkedFactorial")
          .inputs(1)
          .shape("in int\n"
              + "out java.lang.Integer")
          .catchExceptions()
          .continuation()
          .invoker(args -> Math.checkedFactorial((Integer) args[0]));

  static final StepDefinition<Math.Division> DIVIDE =
      StepDefinition.<Math.Division>step("com.example.Math", "divide")
          .inputs(2)
          .shape("in int\n"
              + "in int\n"
              + "out com.example.Math.Division\n"
              + "record com.example.Math.Division(quotient int, remainder int)")
          .continuation()
          .invoker(args -> Math.divide((Integer) args[0], (Integer) args[1]));

  @SuppressWarnings("unchecked")
  static final StepDefinition<Void> REQUIRE_LINES =
      StepDefinition.<Void>step("com.example.Math", "requireLines")
          .inputs(1)
          .shape("in java.util.List<java.lang.String>\n"
              + "out void")
          .invoker(args -> {
            Math.requireLines((List<String>) args[0]);
            return null;
          });

  static final StepDefinition<Void> CHECK_TABLE =
      StepDefinition.<Void>step("com.example.Math", "checkTable")
          .inputs(1)
          .shape("in int\n"
              + "out java.lang.Void")
          .continuation()
          .invoker(args -> Math.checkTable((Integer) args[0]));

  static {
    StepRegistry.register(new Math_WaymarkModule());
  }

  /**
   * Created by {@link java.util.ServiceLoader}.
   */
  public Math_WaymarkModule() {
  }

  @Override
  public List<StepDefinition<?>> steps() {
    return List.of(MUL, FACTORIAL, LINE, TABLE, CHECKED_FACTORIAL, DIVIDE, REQUIRE_LINES,
        CHECK_TABLE);
  }

  @Override
  public void registerTypes(TypeRegistrar registrar) {
    registrar.register(Math.Division.class, new DivisionSerializer(),
        "record com.example.Math.Division(quotient int, remainder int)");
  }

  /**
   * Writes {@link Math.Division} component by component
   * and reads it back through its canonical constructor.
   */
  private static final class DivisionSerializer extends Serializer<Math.Division> {
    DivisionSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Math.Division division) {
      output.writeInt(division.quotient());
      output.writeInt(division.remainder());
    }

    @Override
    public Math.Division read(Kryo kryo, Input input, Class<? extends Math.Division> type) {
      int quotient = input.readInt();
      int remainder = input.readInt();
      return new Math.Division(quotient, remainder);
    }
  }
}
