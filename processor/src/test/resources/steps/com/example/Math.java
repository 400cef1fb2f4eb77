package com.example;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * Continuations: steps that return a workflow, which runs in their place. Their bodies call the
 * builders of MathSteps, which the processor generates from these very signatures.
 */
public class Math {

  /** Fails on overflow. This class's name hides java.lang.Math in the package, as in MathSteps. */
  @Step
  static int mul(int a, int b) {
    return java.lang.Math.multiplyExact(a, b);
  }

  /** Recursion: each level's result is that of the workflow it returns. */
  @Step
  static Workflow<Integer> factorial(int n) {
    return n <= 1 ? Workflow.of(1) : MathSteps.mul(Workflow.of(n), MathSteps.factorial(n - 1));
  }

  @Step
  static String line(int n, int i) {
    return n + " x " + i + " = " + n * i;
  }

  /** Fan-out that depends on data: one task per line, known only once the step runs. */
  @Step
  static Workflow<List<String>> table(int n) {
    List<Workflow<String>> lines = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      lines.add(MathSteps.line(n, i));
    }
    return Workflow.all(lines);
  }

  /** Catches its own failure and its workflow's, in a Result. */
  @Step(catchExceptions = true)
  static Workflow<Integer> checkedFactorial(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("no factorial of " + n);
    }
    return MathSteps.factorial(n);
  }

  /** Reached only through the continuation below, and registered all the same. */
  record Division(int quotient, int remainder) {}

  /** {@code Workflow<? extends T>} produces a T; here a constant workflow, computed in the step. */
  @Step
  static Workflow<? extends Division> divide(int a, int b) {
    return Workflow.of(new Division(a / b, a % b));
  }

  /** Produces nothing, and fails on an empty table. */
  @Step
  static void requireLines(List<String> lines) {
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("empty table");
    }
  }

  /** A continuation that returns a workflow of another continuation, and produces nothing. */
  @Step
  static Workflow<Void> checkTable(int n) {
    return MathSteps.requireLines(MathSteps.table(n));
  }
}
