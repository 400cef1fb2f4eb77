package dev.waymark.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.waymark.processor.Compilations.compile;
import static dev.waymark.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** What a step may take and return: message, line and error count for each kind of type. */
class TypeRulesTest {

  /** One step class whose single method has the given signature (line 7), over a few types. */
  private static JavaFileObject stepWith(String signature) {
    return source(
        "com.example.Types",
        """
        package com.example;
        import dev.waymark.*;
        import dev.waymark.annotations.Step;
        import java.util.*;
        class Types {
          @Step
          static %s { throw new UnsupportedOperationException(); }
          record Point(int x, Object payload) {}
          record Box<T>(T value) {}
          record Tree(String label, List<Tree> children, Thread owner) {}
          record Job(Workflow<Integer> result) {}
          private record Secret(int code) {}
          private static class Vault { enum Key { A, B } }
        }
        """
            .formatted(signature));
  }

  private static void assertOneError(String signature, String... fragments) {
    JavaFileObject file = stepWith(signature);
    Compilation compilation = compile(file);
    assertThat(compilation).hadErrorCount(1);
    for (String fragment : fragments) {
      assertThat(compilation).hadErrorContaining(fragment).inFile(file).onLine(7);
    }
  }

  @Test
  void elementTypeOfList() {
    assertOneError(
        "int count(List<Thread> threads)",
        "[StepTypeNotSerializable] parameter 'threads' of @Step method 'count' has a type that"
            + " Waymark cannot checkpoint: Thread in List<Thread>; use primitives and their boxes,"
            + " String, enums, records, arrays, or List/Set/Map/Optional of those");
  }

  @Test
  void object() {
    assertOneError(
        "int size(Object value)",
        "[StepTypeNotSerializable] parameter 'value'",
        "cannot checkpoint: Object;");
  }

  @Test
  void returnType() {
    assertOneError(
        "Thread start(int x)",
        "[StepTypeNotSerializable] return type of @Step method 'start'",
        "cannot checkpoint: Thread;");
  }

  @Test
  void rawCollection() {
    assertOneError(
        "int size(Map<String, List> lists)",
        "[StepTypeNotSerializable] parameter 'lists'",
        "raw type List in Map<String, List>");
  }

  @Test
  void wildcard() {
    assertOneError(
        "int size(List<? extends Number> numbers)",
        "[StepTypeNotSerializable] parameter 'numbers'",
        "wildcard ? extends Number in List<? extends Number>");
  }

  @Test
  void interfaceOtherThanCollections() {
    assertOneError(
        "int size(Iterable<String> strings)",
        "[StepTypeNotSerializable] parameter 'strings'",
        "cannot checkpoint: Iterable<String>;");
  }

  @Test
  void arrayOfPlainClass() {
    assertOneError(
        "int size(Thread[] threads)",
        "[StepTypeNotSerializable] parameter 'threads'",
        "Thread in Thread[]");
  }

  @Test
  void recordComponent() {
    assertOneError(
        "int area(Optional<Point> point)",
        "[StepTypeNotSerializable] parameter 'point'",
        "Object (record component Types.Point.payload)");
  }

  @Test
  void recursiveRecordIsWalkedOnce() {
    assertOneError(
        "int depth(Tree tree)",
        "[StepTypeNotSerializable] parameter 'tree'",
        "Thread (record component Types.Tree.owner)");
  }

  @Test
  void genericRecord() {
    assertOneError(
        "int size(Box<String> box)",
        "[StepTypeNotSerializable] parameter 'box'",
        "generic record Types.Box<String>");
  }

  @Test
  void workflowParameter() {
    assertOneError(
        "int count(Workflow<Integer> numbers)",
        "[StepWorkflowType] parameter 'numbers' of @Step method 'count' has type Workflow<Integer>,"
            + " but a step's parameters take plain values; declare the type of the value instead:"
            + " callers can still pass a Workflow to the generated builder, and combine several"
            + " with Workflow.all(...)");
  }

  @Test
  void workflowInsideParameter() {
    assertOneError(
        "int count(List<Workflow<Integer>> numbers)",
        "[StepWorkflowType] parameter 'numbers' of @Step method 'count' has type Workflow<Integer>"
            + " in List<Workflow<Integer>>, but a step's parameters take plain values");
  }

  @Test
  void workflowResultInsideCollection() {
    assertOneError(
        "List<Workflow<String>> fanOut(int n)",
        "[StepWorkflowInResult] return type of @Step method 'fanOut' has type Workflow<String> in"
            + " List<Workflow<String>>, but a step's result is checkpointed, and a checkpoint"
            + " cannot hold a Workflow; return a single Workflow instead, whose result becomes the"
            + " step's: Workflow.all(...) turns several into a Workflow of a List");
  }

  @Test
  void workflowInsideWhatAContinuationProduces() {
    assertOneError(
        "Workflow<Map<String, Workflow<Integer>>> byName(int n)",
        "[StepWorkflowInResult] return type of @Step method 'byName' has type Workflow<Integer> in"
            + " Workflow<Map<String, Workflow<Integer>>>, but a step's result is checkpointed");
  }

  @Test
  void workflowInRecordComponent() {
    assertOneError(
        "Job start(int n)",
        "[StepWorkflowInResult] return type of @Step method 'start' has type Workflow<Integer>"
            + " (record component Types.Job.result), but a step's result is checkpointed");
  }

  @Test
  void workflowOfWorkflow() {
    assertOneError(
        "Workflow<Workflow<Integer>> twice(int n)",
        "[StepNestedWorkflow] return type of @Step method 'twice' is Workflow<Workflow<Integer>>,"
            + " but the result of the workflow a step returns becomes the step's checkpointed"
            + " result, which cannot be another Workflow; return Workflow<Integer>: the workflow"
            + " you return may itself call steps that return workflows");
  }

  @Test
  void workflowOfWorkflowsSuggestsTheInnermost() {
    assertOneError(
        "Workflow<? extends Workflow<Workflow<String>>> deep(int n)",
        "[StepNestedWorkflow] return type of @Step method 'deep' is"
            + " Workflow<? extends Workflow<Workflow<String>>>, but",
        "; return Workflow<String>: ");
  }

  @Test
  void rawWorkflowResult() {
    assertOneError(
        "Workflow start(int n)",
        "[StepRawWorkflow] return type of @Step method 'start' is raw type Workflow, which does not"
            + " say what the returned workflow produces; declare Workflow<T> with the type T of its"
            + " result, which the generated builders produce and the step's checkpoint holds");
  }

  @Test
  void unboundedWorkflowResult() {
    assertOneError(
        "Workflow<?> start(int n)",
        "[StepRawWorkflow] return type of @Step method 'start' is Workflow<?>, which does not say");
  }

  @Test
  void lowerBoundedWorkflowResult() {
    assertOneError(
        "Workflow<? super Integer> start(int n)",
        "[StepRawWorkflow] return type of @Step method 'start' is Workflow<? super Integer>, which"
            + " does not say");
  }

  @Test
  void continuationOfTypeThatCannotBeCheckpointed() {
    assertOneError(
        "Workflow<Thread> start(int n)",
        "[StepTypeNotSerializable] return type of @Step method 'start' has a type that Waymark"
            + " cannot checkpoint: Thread in Workflow<Thread>;");
  }

  @Test
  void continuationOfUpperBoundThatCannotBeCheckpointed() {
    assertOneError(
        "Workflow<? extends List<Object>> start(int n)",
        "[StepTypeNotSerializable] return type of @Step method 'start' has a type that Waymark"
            + " cannot checkpoint: Object in Workflow<? extends List<Object>>;");
  }

  @Test
  void continuationOfPrivateRecord() {
    assertOneError(
        "Workflow<Optional<Secret>> reveal(int n)",
        "[StepTypeNotAccessible] return type of @Step method 'reveal' uses record Types.Secret,"
            + " which is private");
  }

  @Test
  void genericContinuation() {
    assertOneError(
        "<T> Workflow<T> any(T value)",
        "[StepGeneric] @Step method 'any' declares type parameters <T>");
  }

  @Test
  void continuationsAccepted() {
    assertThat(compile(stepWith("Workflow<Void> done(int n)"))).succeededWithoutWarnings();
    assertThat(
            compile(
                stepWith(
                    "Workflow<? extends Optional<Map<UUID, long[]>>> all(Result<String> r,"
                        + " Optional<Set<String>> s)")))
        .succeededWithoutWarnings();
  }

  @Test
  void privateRecord() {
    assertOneError(
        "int reveal(Secret secret)",
        "[StepTypeNotAccessible] parameter 'secret' of @Step method 'reveal' uses record"
            + " Types.Secret, which is private, so the generated TypesSteps cannot name it; make it"
            + " public, or package-private in package com.example");
  }

  @Test
  void enumInPrivateClass() {
    assertOneError(
        "Map<String, Vault.Key> keys(int n)",
        "[StepTypeNotAccessible] return type of @Step method 'keys' uses enum Types.Vault.Key,"
            + " whose enclosing class Types.Vault is private");
  }

  @Test
  void typesAcceptedAcrossTheBoard() {
    JavaFileObject file =
        stepWith(
            "Optional<Map<UUID, Set<java.time.LocalDate>>> all(int a, long[] b, String[][] c,"
                + " ArrayList<java.math.BigInteger> d, LinkedHashSet<Character> e,"
                + " Collection<java.time.Duration> f, TreeSet<java.math.BigDecimal> g,"
                + " LinkedList<java.time.LocalDateTime> h, HashMap<Short, java.time.LocalTime> i,"
                + " LinkedHashMap<Byte, Float> j, HashSet<Double> k, Void l, java.time.Instant m)");
    assertThat(compile(file)).succeededWithoutWarnings();
  }
}
