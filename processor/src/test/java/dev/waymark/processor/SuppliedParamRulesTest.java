package dev.waymark.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.waymark.processor.Compilations.compile;
import static dev.waymark.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The parameters the runtime supplies, {@code Checkpointer<S>} and {@code StepContext}: message,
 * line and error count for each way to get them wrong. Errors sit on the parameter, which the step
 * below declares on a line of its own (line 8), apart from the method's (line 7).
 */
class SuppliedParamRulesTest {

  /** One step class whose single method takes an int and then the given parameters (line 8). */
  private static JavaFileObject stepWith(String params) {
    return source(
        "com.example.Jobs",
        """
        package com.example;
        import dev.waymark.*;
        import dev.waymark.annotations.Step;
        import java.util.*;
        class Jobs {
          @Step
          static int run(int size,
              %s) { return size; }
          record Progress(int done, Object payload) {}
          private record Secret(int code) {}
        }
        """
            .formatted(params));
  }

  private static void assertOneError(String params, int line, String... fragments) {
    JavaFileObject file = stepWith(params);
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    for (String fragment : fragments) {
      assertThat(compilation).hadErrorContaining(fragment).inFile(file).onLine(line);
    }
  }

  @Test
  void rawCheckpointer() {
    assertOneError(
        "Checkpointer checkpoint",
        8,
        "[StepCheckpointerType] parameter 'checkpoint' of @Step method 'run' is raw type"
            + " Checkpointer, which names no state type; the runtime stores the state the step"
            + " saves, so declare Checkpointer<S> with a type S that Waymark can checkpoint: boxed"
            + " primitives, String, enums, records, arrays, or List/Set/Map/Optional of those");
  }

  @Test
  void unboundedWildcard() {
    assertOneError(
        "Checkpointer<?> checkpoint",
        8,
        "[StepCheckpointerType] parameter 'checkpoint' of @Step method 'run' is Checkpointer<?>,"
            + " whose wildcard names no single state type; the runtime stores the state");
  }

  @Test
  void boundedWildcards() {
    assertOneError(
        "Checkpointer<? extends Progress> checkpoint",
        8,
        "[StepCheckpointerType] parameter 'checkpoint' of @Step method 'run' is"
            + " Checkpointer<? extends Jobs.Progress>, whose wildcard names no single state type;");
    assertOneError(
        "Checkpointer<? super Integer> checkpoint",
        8,
        "[StepCheckpointerType] parameter 'checkpoint' of @Step method 'run' is"
            + " Checkpointer<? super Integer>, whose wildcard names no single state type;");
  }

  @Test
  void stateThatCannotBeCheckpointed() {
    assertOneError(
        "Checkpointer<Thread> checkpoint",
        8,
        "[StepCheckpointerType] parameter 'checkpoint' of @Step method 'run' has a state type that"
            + " Waymark cannot checkpoint: Thread in Checkpointer<Thread>; the runtime stores the"
            + " state the step saves, so declare Checkpointer<S> with a type S that Waymark can"
            + " checkpoint: boxed primitives, String, enums, records, arrays, or"
            + " List/Set/Map/Optional of those");
  }

  @Test
  void stateWithAPartThatCannotBeCheckpointed() {
    assertOneError(
        "Checkpointer<List<Progress>> checkpoint",
        8,
        "[StepCheckpointerType] parameter 'checkpoint' of @Step method 'run' has a state type that"
            + " Waymark cannot checkpoint: Object (record component Jobs.Progress.payload);");
  }

  @Test
  void workflowState() {
    assertOneError(
        "Checkpointer<Workflow<Integer>> checkpoint",
        8,
        "[StepCheckpointerType] parameter 'checkpoint' of @Step method 'run' has a state type that"
            + " Waymark cannot checkpoint: Workflow<Integer> in Checkpointer<Workflow<Integer>>;");
  }

  /** The generated invoker names the state type, so the usual access message applies. */
  @Test
  void privateState() {
    assertOneError(
        "Checkpointer<Optional<Secret>> checkpoint",
        8,
        "[StepTypeNotAccessible] parameter 'checkpoint' of @Step method 'run' uses record"
            + " Jobs.Secret, which is private in Checkpointer<Optional<Jobs.Secret>>, so the"
            + " generated JobsSteps cannot name it; make it public, or package-private in package"
            + " com.example");
  }

  /**
   * Only a parameter of the runtime's own type is supplied; one inside another type is an input.
   */
  @Test
  void checkpointerInsideAnInput() {
    assertOneError(
        "List<Checkpointer<Integer>> checkpoints",
        8,
        "[StepTypeNotSerializable] parameter 'checkpoints' of @Step method 'run' has a type that"
            + " Waymark cannot checkpoint: Checkpointer<Integer> in List<Checkpointer<Integer>>;");
  }

  @Test
  void twoCheckpointers() {
    JavaFileObject file =
        source(
            "com.example.Twice",
            """
            package com.example;
            import dev.waymark.Checkpointer;
            import dev.waymark.annotations.Step;
            class Twice {
              @Step
              static int run(Checkpointer<Integer> progress,
                  int size,
                  Checkpointer<String> notes) { return size; }
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepDuplicateContext] parameter 'notes' of @Step method 'run' is a second"
                + " Checkpointer, but the runtime supplies a step with one, which parameter"
                + " 'progress' already receives; remove one of the two parameters")
        .inFile(file)
        .onLine(8);
  }

  @Test
  void twoContextsAndTwoCheckpointersReportEachSecondOne() {
    JavaFileObject file =
        source(
            "com.example.Twice",
            """
            package com.example;
            import dev.waymark.Checkpointer;
            import dev.waymark.StepContext;
            import dev.waymark.annotations.Step;
            class Twice {
              @Step
              static int run(StepContext context,
                  Checkpointer<Integer> progress,
                  StepContext again,
                  Checkpointer<Integer> more) { return 0; }
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepDuplicateContext] parameter 'again' of @Step method 'run' is a second"
                + " StepContext, but the runtime supplies a step with one, which parameter"
                + " 'context' already receives; remove one of the two parameters")
        .inFile(file)
        .onLine(9);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepDuplicateContext] parameter 'more' of @Step method 'run' is a second"
                + " Checkpointer, but the runtime supplies a step with one, which parameter"
                + " 'progress' already receives")
        .inFile(file)
        .onLine(10);
  }

  /** A type variable as the state is the generic-signature problem, reported once. */
  @Test
  void stateOfATypeVariable() {
    JavaFileObject file =
        source(
            "com.example.Holder",
            """
            package com.example;
            import dev.waymark.Checkpointer;
            import dev.waymark.annotations.Step;
            class Holder<T> {
              @Step
              int run(Checkpointer<T> checkpoint) { return 0; }
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[StepGeneric] @Step method 'run' uses type variable T of class Holder")
        .inFile(file)
        .onLine(6);
  }

  /**
   * The builder of a step whose only parameter is supplied takes none, so the name rules judge the
   * name as that of a method without parameters.
   */
  @Test
  void builderWithoutInputsMustNotHideAnObjectMethod() {
    JavaFileObject file =
        source(
            "com.example.Describer",
            """
            package com.example;
            import dev.waymark.StepContext;
            import dev.waymark.annotations.Step;
            class Describer {
              @Step
              static String toString(StepContext context) { return ""; }
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepInvalidName] step name 'toString' of @Step method 'toString' would hide"
                + " java.lang.Object's method toString()")
        .inFile(file)
        .onLine(6);
  }
}
