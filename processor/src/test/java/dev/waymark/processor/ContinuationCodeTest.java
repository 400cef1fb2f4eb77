package dev.waymark.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.waymark.processor.Compilations.compile;
import static dev.waymark.processor.Compilations.resources;
import static dev.waymark.processor.Compilations.source;
import static dev.waymark.processor.GeneratedCodeTest.add;
import static dev.waymark.processor.GeneratedCodeTest.invoker;
import static dev.waymark.processor.GeneratedCodeTest.module;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.waymark.Workflow;
import dev.waymark.internal.StepDefinition;
import dev.waymark.internal.StepModule;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Steps that return a {@code Workflow<T>} against the real runtime: bodies that call the builders
 * being generated, builders typed with {@code T}, and invokers that hand the workflow back.
 */
class ContinuationCodeTest {

  /**
   * javac reports missing symbols in method bodies only after processing, and the processor reads
   * signatures only, so a step may call the builders generated from its own class.
   */
  @Test
  void bodyThatCallsItsOwnGeneratedBuildersCompiles() {
    JavaFileObject file =
        source(
            "com.example.Countdown",
            """
            package com.example;
            import dev.waymark.Workflow;
            import dev.waymark.annotations.Step;
            class Countdown {
              @Step
              static Workflow<Integer> countdown(int n) {
                return n == 0 ? Workflow.of(0) : CountdownSteps.countdown(n - 1);
              }
            }
            """);

    Compilation compilation = compile(file);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("com.example.CountdownSteps")
        .contentsAsUtf8String()
        .contains("public static Workflow<Integer> countdown(int n) {");
  }

  @Test
  void staticImportOfTheGeneratedBuildersCompiles() {
    JavaFileObject file =
        source(
            "com.example.PingPong",
            """
            package com.example;
            import static com.example.PingPongSteps.pong;
            import dev.waymark.Workflow;
            import dev.waymark.annotations.Step;
            class PingPong {
              @Step
              static Workflow<String> ping(int n) {
                return n == 0 ? Workflow.of("ping") : pong(n - 1);
              }
              @Step
              static Workflow<String> pong(int n) {
                return n == 0 ? Workflow.of("pong") : PingPongSteps.ping(n - 1);
              }
            }
            """);

    assertThat(compile(file)).succeededWithoutWarnings();
  }

  /** A record declared in the step class and reached only through a continuation's result. */
  @Test
  void recordDeclaredInTheStepClassIsRegistered() {
    JavaFileObject file =
        source(
            "com.example.Shapes",
            """
            package com.example;
            import dev.waymark.Workflow;
            import dev.waymark.annotations.Step;
            class Shapes {
              record Point(int x, int y) {}
              @Step
              static Workflow<Point> corner(int size) {
                return size == 0 ? Workflow.of(new Point(0, 0)) : ShapesSteps.corner(size - 1);
              }
            }
            """);

    Compilation compilation = compile(file);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("com.example.Shapes_WaymarkModule")
        .contentsAsUtf8String()
        .contains("static final StepDefinition<Shapes.Point> CORNER =");
    assertThat(compilation)
        .generatedSourceFile("com.example.Shapes_WaymarkModule")
        .contentsAsUtf8String()
        .contains(
            "registrar.register(Shapes.Point.class, new PointSerializer(),\n"
                + "        \"record com.example.Shapes.Point(x int, y int)\");");
  }

  @Test
  void buildersProduceWhatTheReturnedWorkflowProduces() {
    JavaFileObject user =
        source(
            "com.example.Main",
            """
            package com.example;
            import dev.waymark.Result;
            import dev.waymark.Workflow;
            import java.util.List;
            class Main {
              static void build() {
                Workflow<Integer> factorial = MathSteps.factorial(5);
                Workflow<Integer> again = MathSteps.factorial(factorial);
                Workflow<Integer> product = MathSteps.mul(factorial, again);
                Workflow<List<String>> table = MathSteps.table(product);
                Workflow<Result<Integer>> checked = MathSteps.checkedFactorial(-1);
                Workflow<Math.Division> division = MathSteps.divide(7, 2);
                Workflow<Void> checkedTable = MathSteps.checkTable(3);
              }
            }
            """);

    assertThat(compile(add(resources("com.example.Math"), user))).succeededWithoutWarnings();
  }

  @Test
  void buildersDoNotReturnTheMethodsWorkflowType() {
    JavaFileObject user =
        source(
            "com.example.Main",
            """
            package com.example;
            import dev.waymark.Workflow;
            class Main {
              static void build() {
                Workflow<Workflow<Integer>> nested = MathSteps.factorial(5);
              }
            }
            """);

    Compilation compilation = compile(add(resources("com.example.Math"), user));

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "dev.waymark.Workflow<java.lang.Integer> cannot be converted to"
                + " dev.waymark.Workflow<dev.waymark.Workflow<java.lang.Integer>>")
        .inFile(user)
        .onLine(5);
  }

  @Test
  void invokersReturnTheWorkflowTheMethodReturns() throws Exception {
    Map<String, StepDefinition<?>> steps = steps();

    Object recursion = invoker(steps.get("factorial")).invoke(new Object[] {3});
    Object base = invoker(steps.get("factorial")).invoke(new Object[] {1});
    Object fanOut = invoker(steps.get("table")).invoke(new Object[] {2});

    assertInstanceOf(Workflow.class, recursion);
    assertInstanceOf(Workflow.class, base);
    assertInstanceOf(Workflow.class, fanOut);
    // The step's own failure comes out of the invoker, as for any step.
    assertThrows(
        IllegalArgumentException.class,
        () -> invoker(steps.get("checkedFactorial")).invoke(new Object[] {-1}));
  }

  @Test
  void catchingContinuationsAreCatchingDefinitions() throws Exception {
    Map<String, StepDefinition<?>> steps = steps();

    assertTrue(steps.get("checkedFactorial").catching());
    assertFalse(steps.get("factorial").catching());
    assertEquals(1, steps.get("checkedFactorial").arity());
  }

  /**
   * javac attributes no method body once a processor has reported an error, so the builders that
   * were not generated add no "cannot find symbol" to the one error that matters.
   */
  @Test
  void invalidContinuationWhoseBodyCallsItsBuildersReportsOneError() {
    JavaFileObject file =
        source(
            "com.example.Loop",
            """
            package com.example;
            import dev.waymark.Workflow;
            import dev.waymark.annotations.Step;
            class Loop {
              @Step
              static Workflow<?> loop(int n) {
                return n == 0 ? Workflow.of(0) : LoopSteps.loop(n - 1);
              }
            }
            """);

    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[StepRawWorkflow] return type of @Step method 'loop' is Workflow<?>")
        .inFile(file)
        .onLine(6);
  }

  private static Map<String, StepDefinition<?>> steps() throws Exception {
    StepModule module = module("com.example.Math", "com.example.Math_WaymarkModule");
    return module.steps().stream()
        .collect(Collectors.toMap(StepDefinition::taskName, Function.identity()));
  }
}
