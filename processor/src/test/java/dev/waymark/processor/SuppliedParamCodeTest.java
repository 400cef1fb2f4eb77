package dev.waymark.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.waymark.processor.Compilations.compile;
import static dev.waymark.processor.Compilations.resources;
import static dev.waymark.processor.Compilations.source;
import static dev.waymark.processor.GeneratedCodeTest.add;
import static dev.waymark.processor.GeneratedCodeTest.invoker;
import static dev.waymark.processor.GeneratedCodeTest.kryoWith;
import static dev.waymark.processor.GeneratedCodeTest.module;
import static dev.waymark.processor.GeneratedCodeTest.record;
import static dev.waymark.processor.GeneratedCodeTest.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Serializer;
import com.google.testing.compile.Compilation;
import dev.waymark.internal.StepDefinition;
import dev.waymark.internal.StepModule;
import dev.waymark.internal.TypeRegistrar;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Steps with a {@code Checkpointer} or {@code StepContext} parameter against the real runtime:
 * builders without them, definitions that count the inputs only, invokers that ask the running step
 * for them, and state types registered like inputs.
 */
class SuppliedParamCodeTest {

  @Test
  void buildersTakeTheInputsOnly() {
    JavaFileObject user =
        source(
            "com.example.Main",
            """
            package com.example;
            import dev.waymark.Workflow;
            class Main {
              static void build() {
                Workflow<Double> loss = TrainingSteps.train(4);
                Workflow<Double> again = TrainingSteps.train(Workflow.of(4));
                Workflow<String> who = TrainingSteps.whoAmI();
                Workflow<Training.TrainingState> state = TrainingSteps.restore(7);
                Workflow<String> advanced = TrainingSteps.advance("job", 1, 2);
                Workflow<String> none = TrainingSteps.advance("job");
                TrainingSteps.advance(Workflow.of("job"), Workflow.of(new int[0]));
              }
            }
            """);

    assertThat(compile(add(resources("com.example.Training"), user))).succeededWithoutWarnings();
  }

  @Test
  void callPassingACheckpointerDoesNotCompile() {
    JavaFileObject user =
        source(
            "com.example.Main",
            """
            package com.example;
            import dev.waymark.Checkpointer;
            class Main {
              static void build(Checkpointer<Training.TrainingState> checkpoint) {
                TrainingSteps.train(4, checkpoint);
              }
            }
            """);

    Compilation compilation = compile(add(resources("com.example.Training"), user));

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "no suitable method found for"
                + " train(int,dev.waymark.Checkpointer<com.example.Training.TrainingState>)")
        .inFile(user)
        .onLine(5);
  }

  @Test
  void callPassingAStepContextDoesNotCompile() {
    JavaFileObject user =
        source(
            "com.example.Main",
            """
            package com.example;
            import dev.waymark.StepContext;
            class Main {
              static void build(StepContext context) {
                TrainingSteps.whoAmI(context);
              }
            }
            """);

    Compilation compilation = compile(add(resources("com.example.Training"), user));

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("method whoAmI in class com.example.TrainingSteps cannot be applied")
        .inFile(user)
        .onLine(5);
  }

  /** No public method of the generated class takes what the runtime supplies. */
  @Test
  void noBuilderHasASuppliedParameter() throws Exception {
    Compilation compilation = compile(resources("com.example.Training"));
    assertThat(compilation).succeeded();
    Class<?> steps = new CompiledClassLoader(compilation).loadClass("com.example.TrainingSteps");

    // Each public method's parameter types, by name.
    Map<String, Set<List<String>>> builders = new HashMap<>();
    for (Method method : steps.getDeclaredMethods()) {
      if (Modifier.isPublic(method.getModifiers())) {
        builders
            .computeIfAbsent(method.getName(), name -> new HashSet<>())
            .add(Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).toList());
      }
    }

    assertEquals(
        Map.of(
            "train", Set.of(List.of("int"), List.of("Workflow")),
            "whoAmI", Set.of(List.of()),
            "restore", Set.of(List.of("int"), List.of("Workflow")),
            "advance", Set.of(List.of("String", "int[]"), List.of("Workflow", "Workflow"))),
        builders);
  }

  @Test
  void definitionsCountTheInputsOnly() throws Exception {
    Map<String, StepDefinition<?>> steps = steps();

    assertEquals(1, steps.get("train").arity());
    assertEquals(0, steps.get("whoAmI").arity());
    assertEquals(1, steps.get("restore").arity());
    assertEquals(2, steps.get("advance").arity());
  }

  /**
   * Outside a running step there is no checkpointer or context to supply, so an invoker that asks
   * the runtime for them fails as the runtime says; one that read them from its arguments would
   * fail with a ClassCastException or an index out of bounds instead.
   */
  @Test
  void invokersAskTheRunningStepForSuppliedParameters() throws Exception {
    Map<String, StepDefinition<?>> steps = steps();

    for (String step : List.of("train", "whoAmI", "restore")) {
      Object[] args = step.equals("whoAmI") ? new Object[0] : new Object[] {3};
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> invoker(steps.get(step)).invoke(args));
      assertTrue(e.getMessage().startsWith("no step is running on this thread"), e.getMessage());
    }
  }

  /** A record reached only through a Checkpointer's state, written by a generated serializer. */
  @Test
  void stateRecordIsRegisteredInTheModule() throws Exception {
    JavaFileObject file =
        source(
            "com.example.Jobs",
            """
            package com.example;
            import dev.waymark.Checkpointer;
            import dev.waymark.annotations.Step;
            import java.util.List;
            class Jobs {
              record Progress(int done, List<String> notes) {}
              @Step
              static int run(int size, Checkpointer<Progress> progress) { return size; }
            }
            """);
    Compilation compilation = compile(file);
    assertThat(compilation).succeededWithoutWarnings();
    ClassLoader loader = new CompiledClassLoader(compilation);
    StepModule module =
        (StepModule)
            loader.loadClass("com.example.Jobs_WaymarkModule").getConstructor().newInstance();
    Map<Class<?>, String> registered = new LinkedHashMap<>();

    module.registerTypes(
        new TypeRegistrar() {
          @Override
          public <T> void register(Class<T> type, Serializer<T> serializer, String shape) {
            registered.put(type, serializer.getClass().getSimpleName());
          }

          @Override
          public void register(Class<?> type) {
            registered.put(type, "default");
          }
        });

    Class<?> progress = loader.loadClass("com.example.Jobs$Progress");
    assertEquals(Map.of(progress, "ProgressSerializer"), registered);
    Object state = record(loader, "com.example.Jobs$Progress", 3, new ArrayList<>(List.of("a")));
    assertEquals(state, roundTrip(kryoWith(module), state));
  }

  private static Map<String, StepDefinition<?>> steps() throws Exception {
    StepModule module = module("com.example.Training", "com.example.Training_WaymarkModule");
    return module.steps().stream()
        .collect(Collectors.toMap(StepDefinition::taskName, Function.identity()));
  }
}
