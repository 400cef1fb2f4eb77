package com.example;

import dev.waymark.Result;
import dev.waymark.Workflow;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Workflow builders for the {@code @Step} methods of {@link Math}.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class MathSteps {
  private MathSteps() {
  }

  /**
   * Fails on overflow. This class's name hides java.lang.Math in the package, as in MathSteps.
   *
   * <p>Builds a task of {@link Math#mul(int, int)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> mul(int a, int b) {
    return Math_WaymarkModule.MUL.call(Workflow.of(a), Workflow.of(b));
  }

  /**
   * Fails on overflow. This class's name hides java.lang.Math in the package, as in MathSteps.
   *
   * <p>Builds a task of {@link Math#mul(int, int)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> mul(Workflow<? extends Integer> a,
      Workflow<? extends Integer> b) {
    return Math_WaymarkModule.MUL.call(a, b);
  }

  /**
   * Recursion: each level's result is that of the workflow it returns.
   *
   * <p>Builds a task of {@link Math#factorial(int)},
   * whose result is that of the workflow the method returns:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> factorial(int n) {
    return Math_WaymarkModule.FACTORIAL.call(Workflow.of(n));
  }

  /**
   * Recursion: each level's result is that of the workflow it returns.
   *
   * <p>Builds a task of {@link Math#factorial(int)},
   * whose result is that of the workflow the method returns,
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> factorial(Workflow<? extends Integer> n) {
    return Math_WaymarkModule.FACTORIAL.call(n);
  }

  /**
   * Builds a task of {@link Math#line(int, int)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> line(int n, int i) {
    return Math_WaymarkModule.LINE.call(Workflow.of(n), Workflow.of(i));
  }

  /**
   * Builds a task of {@link Math#line(int, int)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> line(Workflow<? extends Integer> n,
      Workflow<? extends Integer> i) {
    return Math_WaymarkModule.LINE.call(n, i);
  }

  /**
   * Fan-out that depends on data: one task per line, known only once the step runs.
   *
   * <p>Builds a task of {@link Math#table(int)},
   * whose result is that of the workflow the method returns:
   * runs nothing until the workflow runs.
   */
  public static Workflow<List<String>> table(int n) {
    return Math_WaymarkModule.TABLE.call(Workflow.of(n));
  }

  /**
   * Fan-out that depends on data: one task per line, known only once the step runs.
   *
   * <p>Builds a task of {@link Math#table(int)},
   * whose result is that of the workflow the method returns,
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<List<String>> table(Workflow<? extends Integer> n) {
    return Math_WaymarkModule.TABLE.call(n);
  }

  /**
   * Catches its own failure and its workflow's, in a Result.
   *
   * <p>Builds a task of {@link Math#checkedFactorial(int)},
   * whose result is that of the workflow the method returns,
   * catching its failure, once its retries are spent, in a {@link Result}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Result<Integer>> checkedFactorial(int n) {
    return Math_WaymarkModule.CHECKED_FACTORIAL.call(Workflow.of(n));
  }

  /**
   * Catches its own failure and its workflow's, in a Result.
   *
   * <p>Builds a task of {@link Math#checkedFactorial(int)},
   * whose result is that of the workflow the method returns,
   * catching its failure, once its retries are spent, in a {@link Result},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Result<Integer>> checkedFactorial(Workflow<? extends Integer> n) {
    return Math_WaymarkModule.CHECKED_FACTORIAL.call(n);
  }

  /**
   * {@code Workflow<? extends T>} produces a T; here a constant workflow, computed in the step.
   *
   * <p>Builds a task of {@link Math#divide(int, int)},
   * whose result is that of the workflow the method returns:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Math.Division> divide(int a, int b) {
    return Math_WaymarkModule.DIVIDE.call(Workflow.of(a), Workflow.of(b));
  }

  /**
   * {@code Workflow<? extends T>} produces a T; here a constant workflow, computed in the step.
   *
   * <p>Builds a task of {@link Math#divide(int, int)},
   * whose result is that of the workflow the method returns,
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Math.Division> divide(Workflow<? extends Integer> a,
      Workflow<? extends Integer> b) {
    return Math_WaymarkModule.DIVIDE.call(a, b);
  }

  /**
   * Produces nothing, and fails on an empty table.
   *
   * <p>Builds a task of {@link Math#requireLines(List)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Void> requireLines(List<String> lines) {
    return Math_WaymarkModule.REQUIRE_LINES.call(Workflow.of(lines));
  }

  /**
   * Produces nothing, and fails on an empty table.
   *
   * <p>Builds a task of {@link Math#requireLines(List)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Void> requireLines(Workflow<? extends List<String>> lines) {
    return Math_WaymarkModule.REQUIRE_LINES.call(lines);
  }

  /**
   * A continuation that returns a workflow of another continuation, and produces nothing.
   *
   * <p>Builds a task of {@link Math#checkTable(int)},
   * whose result is that of the workflow the method returns:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Void> checkTable(int n) {
    return Math_WaymarkModule.CHECK_TABLE.call(Workflow.of(n));
  }

  /**
   * A continuation that returns a workflow of another continuation, and produces nothing.
   *
   * <p>Builds a task of {@link Math#checkTable(int)},
   * whose result is that of the workflow the method returns,
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Void> checkTable(Workflow<? extends Integer> n) {
    return Math_WaymarkModule.CHECK_TABLE.call(n);
  }
}
