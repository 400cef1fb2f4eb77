package dev.waymark.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.waymark.processor.Compilations.compile;
import static dev.waymark.processor.Compilations.resources;
import static dev.waymark.processor.Compilations.source;
import static dev.waymark.processor.GeneratedCodeTest.add;
import static dev.waymark.processor.GeneratedCodeTest.module;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.waymark.RetryBackoff;
import dev.waymark.StepOptions;
import dev.waymark.annotations.CheckpointMode;
import dev.waymark.internal.StepDefinition;
import dev.waymark.internal.StepModule;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Options on the annotations against the real runtime: the step definitions and builder types. */
class StepOptionsCodeTest {

  @Test
  void definitionsCarryTheAnnotationsOptions() throws Exception {
    Map<String, StepDefinition<?>> steps = steps();

    assertEquals(
        StepOptions.builder()
            .maxRetries(10)
            .retryExceptions(true)
            .backoff(RetryBackoff.exponential(Duration.ofMillis(100), 2, Duration.ofMinutes(1)))
            .checkpoint(CheckpointMode.FALSE)
            .cpus(1)
            .gpus(0.5)
            .resource("license", 1)
            .resource("db.pool", 2.5)
            .metadata("owner", "team-a")
            .metadata("query", "a=b")
            .metadata("note", "")
            .build(),
        steps.get("fetch").options());
    assertEquals(
        StepOptions.builder().checkpoint(CheckpointMode.FALSE).build(),
        steps.get("expand").options());
    assertEquals(
        StepOptions.builder()
            .maxRetries(2)
            .retryExceptions(true)
            .backoff(RetryBackoff.fixed(Duration.ofMillis(20)))
            .build(),
        steps.get("flaky").options());
  }

  @Test
  void valuesEqualToTheDefaultsSetNothing() throws Exception {
    StepDefinition<?> same = steps().get("same");

    assertTrue(same.options().isEmpty());
    assertFalse(same.catching());
  }

  @Test
  void stepsThatCatchExceptionsAreCatchingDefinitions() throws Exception {
    Map<String, StepDefinition<?>> steps = steps();

    assertTrue(steps.get("parse").catching());
    assertTrue(steps.get("parse").options().isEmpty());
    assertTrue(steps.get("audit").catching());
    assertEquals(StepOptions.builder().maxRetries(0).build(), steps.get("audit").options());
    assertFalse(steps.get("fetch").catching());
  }

  @Test
  void catchingBuildersReturnWorkflowsOfResults() {
    JavaFileObject user =
        source(
            "com.example.Main",
            """
            package com.example;
            import dev.waymark.Result;
            import dev.waymark.Workflow;
            class Main {
              static Workflow<String> build() {
                Workflow<Result<Integer>> parsed = ResilientSteps.parse("42");
                Workflow<Result<Void>> audited = ResilientSteps.audit(Workflow.of("line"));
                return ResilientSteps.describe(parsed);
              }
            }
            """);

    assertThat(compile(add(resources("com.example.Resilient"), user))).succeededWithoutWarnings();
  }

  @Test
  void catchingBuilderIsNoPlainWorkflow() {
    JavaFileObject user =
        source(
            "com.example.Main",
            """
            package com.example;
            import dev.waymark.Workflow;
            class Main {
              static void build() {
                Workflow<Integer> parsed = ResilientSteps.parse("42");
              }
            }
            """);

    Compilation compilation = compile(add(resources("com.example.Resilient"), user));

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "dev.waymark.Workflow<dev.waymark.Result<java.lang.Integer>> cannot be converted to"
                + " dev.waymark.Workflow<java.lang.Integer>")
        .inFile(user)
        .onLine(5);
  }

  @Test
  void resultIsLeftToTheRuntimeToRegister() {
    JavaFileObject file =
        source(
            "com.example.Shapes",
            """
            package com.example;
            import dev.waymark.Result;
            import dev.waymark.annotations.Step;
            class Shapes {
              record Point(int x) {}
              @Step(catchExceptions = true) static Point origin() { return new Point(0); }
              @Step static int x(Result<Point> point) { return point.get().x(); }
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("com.example.Shapes_WaymarkModule")
        .contentsAsUtf8String()
        .contains(
            "registrar.register(Shapes.Point.class, new PointSerializer(),\n"
                + "        \"record com.example.Shapes.Point(x int)\");\n  }");
    assertThat(compilation)
        .generatedSourceFile("com.example.Shapes_WaymarkModule")
        .contentsAsUtf8String()
        .doesNotContain("Result.class");
  }

  private static Map<String, StepDefinition<?>> steps() throws Exception {
    StepModule module = module("com.example.Resilient", "com.example.Resilient_WaymarkModule");
    return module.steps().stream()
        .collect(Collectors.toMap(StepDefinition::taskName, Function.identity()));
  }
}
