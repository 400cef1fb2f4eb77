package com.example;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.waymark.Result;
import dev.waymark.StepOptions;
import dev.waymark.Workflow;
import dev.waymark.internal.StepDefinition;
import dev.waymark.internal.StepModule;
import dev.waymark.internal.TypeRegistrar;
import java.util.List;
import java.util.ServiceLoader;
import javax.annotation.processing.Generated;

/**
 * Workflow builders for the {@code @Step} methods of {@link Math}.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class MathSteps {
  private static final StepDefinition<Integer> MUL =
      new StepDefinition<>("com.example.Math#mul", "mul", 2,
          args -> Math.mul((Integer) args[0], (Integer) args[1]));

  private static final StepDefinition<Integer> FACTORIAL =
      new StepDefinition<>("com.example.Math#factorial", "factorial", 1,
          args -> Math.factorial((Integer) args[0]));

  private static final StepDefinition<String> LINE =
      new StepDefinition<>("com.example.Math#line", "line", 2,
          args -> Math.line((Integer) args[0], (Integer) args[1]));

  private static final StepDefinition<List<String>> TABLE =
      new StepDefinition<>("com.example.Math#table", "table", 1,
          args -> Math.table((Integer) args[0]));

  private static final StepDefinition<Result<Integer>> CHECKED_FACTORIAL =
      StepDefinition.catching("com.example.Math#checkedFactorial", "checkedFactorial", 1,
          args -> Math.checkedFactorial((Integer) args[0]),
          StepOptions.options());

  private static final StepDefinition<Math.Division> DIVIDE =
      new StepDefinition<>("com.example.Math#divide", "divide", 2,
          args -> Math.divide((Integer) args[0], (Integer) args[1]));

  @SuppressWarnings("unchecked")
  private static final StepDefinition<Void> REQUIRE_LINES =
      new StepDefinition<>("com.example.Math#requireLines", "requireLines", 1,
          args -> {
            Math.requireLines((List<String>) args[0]);
            return null;
          });

  private static final StepDefinition<Void> CHECK_TABLE =
      new StepDefinition<>("com.example.Math#checkTable", "checkTable", 1,
          args -> Math.checkTable((Integer) args[0]));

  private MathSteps() {
  }

  /**
   * Builds a task of {@link Math#mul(int, int)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> mul(int a, int b) {
    return MUL.call(Workflow.of(a), Workflow.of(b));
  }

  /**
   * Builds a task of {@link Math#mul(int, int)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> mul(Workflow<? extends Integer> a,
      Workflow<? extends Integer> b) {
    return MUL.call(a, b);
  }

  /**
   * Builds a task of {@link Math#factorial(int)},
   * whose result is that of the workflow the method returns:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> factorial(int n) {
    return FACTORIAL.call(Workflow.of(n));
  }

  /**
   * Builds a task of {@link Math#factorial(int)},
   * whose result is that of the workflow the method returns,
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> factorial(Workflow<? extends Integer> n) {
    return FACTORIAL.call(n);
  }

  /**
   * Builds a task of {@link Math#line(int, int)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> line(int n, int i) {
    return LINE.call(Workflow.of(n), Workflow.of(i));
  }

  /**
   * Builds a task of {@link Math#line(int, int)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> line(Workflow<? extends Integer> n,
      Workflow<? extends Integer> i) {
    return LINE.call(n, i);
  }

  /**
   * Builds a task of {@link Math#table(int)},
   * whose result is that of the workflow the method returns:
   * runs nothing until the workflow runs.
   */
  public static Workflow<List<String>> table(int n) {
    return TABLE.call(Workflow.of(n));
  }

  /**
   * Builds a task of {@link Math#table(int)},
   * whose result is that of the workflow the method returns,
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<List<String>> table(Workflow<? extends Integer> n) {
    return TABLE.call(n);
  }

  /**
   * Builds a task of {@link Math#checkedFactorial(int)},
   * whose result is that of the workflow the method returns,
   * catching its failure, once its retries are spent, in a {@link Result}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Result<Integer>> checkedFactorial(int n) {
    return CHECKED_FACTORIAL.call(Workflow.of(n));
  }

  /**
   * Builds a task of {@link Math#checkedFactorial(int)},
   * whose result is that of the workflow the method returns,
   * catching its failure, once its retries are spent, in a {@link Result},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Result<Integer>> checkedFactorial(Workflow<? extends Integer> n) {
    return CHECKED_FACTORIAL.call(n);
  }

  /**
   * Builds a task of {@link Math#divide(int, int)},
   * whose result is that of the workflow the method returns:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Math.Division> divide(int a, int b) {
    return DIVIDE.call(Workflow.of(a), Workflow.of(b));
  }

  /**
   * Builds a task of {@link Math#divide(int, int)},
   * whose result is that of the workflow the method returns,
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Math.Division> divide(Workflow<? extends Integer> a,
      Workflow<? extends Integer> b) {
    return DIVIDE.call(a, b);
  }

  /**
   * Builds a task of {@link Math#requireLines(List)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Void> requireLines(List<String> lines) {
    return REQUIRE_LINES.call(Workflow.of(lines));
  }

  /**
   * Builds a task of {@link Math#requireLines(List)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Void> requireLines(Workflow<? extends List<String>> lines) {
    return REQUIRE_LINES.call(lines);
  }

  /**
   * Builds a task of {@link Math#checkTable(int)},
   * whose result is that of the workflow the method returns:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Void> checkTable(int n) {
    return CHECK_TABLE.call(Workflow.of(n));
  }

  /**
   * Builds a task of {@link Math#checkTable(int)},
   * whose result is that of the workflow the method returns,
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Void> checkTable(Workflow<? extends Integer> n) {
    return CHECK_TABLE.call(n);
  }

  /**
   * Registers the steps and checkpoint types of {@link Math};
   * found through {@link ServiceLoader}.
   */
  public static final class Module implements StepModule {
    @Override
    public List<StepDefinition<?>> steps() {
      return List.of(MUL, FACTORIAL, LINE, TABLE, CHECKED_FACTORIAL, DIVIDE, REQUIRE_LINES,
          CHECK_TABLE);
    }

    @Override
    public void registerTypes(TypeRegistrar registrar) {
      registrar.register(Math.Division.class, new DivisionSerializer());
    }
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
