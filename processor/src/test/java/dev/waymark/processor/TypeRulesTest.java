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
        import dev.waymark.Workflow;
        import dev.waymark.annotations.Step;
        import java.util.*;
        class Types {
          @Step
          static %s { throw new UnsupportedOperationException(); }
          record Point(int x, Object payload) {}
          record Box<T>(T value) {}
          record Tree(String label, List<Tree> children, Thread owner) {}
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
            + " but continuations (steps that take or return a Workflow) are not supported yet;"
            + " declare the plain value type");
  }

  @Test
  void workflowResultInsideCollection() {
    assertOneError(
        "List<Workflow<String>> fanOut(int n)",
        "[StepWorkflowType] return type of @Step method 'fanOut' has type Workflow<String> in"
            + " List<Workflow<String>>");
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
