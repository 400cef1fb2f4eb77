package dev.waymark.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.waymark.processor.Compilations.compile;
import static dev.waymark.processor.Compilations.resources;
import static dev.waymark.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.google.testing.compile.Compilation;
import dev.waymark.internal.StepDefinition;
import dev.waymark.internal.StepInvoker;
import dev.waymark.internal.StepModule;
import dev.waymark.internal.TypeRegistrar;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/** The generated code against the real runtime: typing, the service file, serializers, invokers. */
class GeneratedCodeTest {

  @Test
  void buildersChainWithCheckedInputTypes() {
    JavaFileObject user =
        source(
            "com.example.Main",
            """
            package com.example;
            import dev.waymark.Workflow;
            import java.util.ArrayList;
            import java.util.List;
            class Main {
              static Workflow<Integer> total() {
                Workflow<List<Integer>> data = PipelineSteps.readData(3);
                Workflow<ArrayList<Integer>> more = Workflow.of(new ArrayList<>());
                PipelineSteps.aggregate(more);
                Workflow<Long> sum = PipelineSteps.sum(1L, 2L);
                Workflow<Void> logged = PipelineSteps.log("hi", new Pipeline.Point[0]);
                return PipelineSteps.aggregate(PipelineSteps.preprocessing(data));
              }
            }
            """);

    assertThat(compile(add(resources("com.example.Pipeline"), user))).succeededWithoutWarnings();
  }

  @Test
  void wrongInputTypeDoesNotCompile() {
    JavaFileObject user =
        source(
            "com.example.Main",
            """
            package com.example;
            import dev.waymark.Workflow;
            class Main {
              static void build() {
                Workflow<String> text = Workflow.of("3");
                PipelineSteps.readData(text);
              }
            }
            """);

    Compilation compilation = compile(add(resources("com.example.Pipeline"), user));

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "dev.waymark.Workflow<java.lang.String> cannot be converted to"
                + " dev.waymark.Workflow<? extends java.lang.Integer>")
        .inFile(user)
        .onLine(6);
  }

  @Test
  void serviceFileListsEveryModuleOfTheCompilation() {
    Compilation compilation = compile(resources("com.example.Pipeline", "com.example.Outer"));

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .generatedFile(
            StandardLocation.CLASS_OUTPUT, "META-INF/services/dev.waymark.internal.StepModule")
        .contentsAsUtf8String()
        .isEqualTo("com.example.Outer_Inner_WaymarkModule\ncom.example.Pipeline_WaymarkModule\n");
  }

  @Test
  void anIncrementalCompileKeepsTheModulesOfTheOtherClasses() throws Exception {
    // What an IDE or Gradle does: compile one class again into an output that holds the others.
    Path output = Files.createTempDirectory("waymark-incremental");
    Path services = output.resolve("META-INF/services/dev.waymark.internal.StepModule");
    Files.createDirectories(services.getParent());
    Files.writeString(
        services, "# listed by the last full build\ncom.example.Other_WaymarkModule\n");
    JavaFileObject one =
        source(
            "com.example.One",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            class One {
              @Step static int once(int x) { return x; }
            }
            """);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(output.toFile()));
      files.setLocation(StandardLocation.SOURCE_OUTPUT, List.of(output.toFile()));
      JavaCompiler.CompilationTask task =
          javac.getTask(null, files, null, List.of("-proc:only"), null, List.of(one));
      task.setProcessors(List.of(new StepProcessor()));
      assertTrue(task.call());
    }
    assertEquals(
        "com.example.One_WaymarkModule\ncom.example.Other_WaymarkModule\n",
        Files.readString(services));
  }

  @Test
  void theProcessorTellsGradleItIsIncremental() throws Exception {
    try (var in =
        StepProcessor.class
            .getClassLoader()
            .getResourceAsStream("META-INF/gradle/incremental.annotation.processors")) {
      assertEquals(
          "dev.waymark.processor.StepProcessor,aggregating",
          new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
    }
  }

  @Test
  void stepClassInTheUnnamedPackage() {
    JavaFileObject file =
        source(
            "Top",
            """
            import dev.waymark.annotations.Step;
            class Top {
              @Step static int twice(int x) { return 2 * x; }
            }
            """);

    Compilation compilation = compile(file);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedFile(
            StandardLocation.CLASS_OUTPUT, "META-INF/services/dev.waymark.internal.StepModule")
        .contentsAsUtf8String()
        .isEqualTo("Top_WaymarkModule\n");
  }

  @Test
  void stepClassNamedLikeGeneratedMembers() {
    // Module and Instance are also nested classes of the generated ModuleSteps.
    JavaFileObject module =
        source(
            "com.example.Module",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            public class Module {
              @Step int twice(Instance x) { return 2 * x.value(); }
            }
            """);
    JavaFileObject instance =
        source("com.example.Instance", "package com.example; public record Instance(int value) {}");

    assertThat(compile(module, instance)).succeededWithoutWarnings();
  }

  @Test
  void moduleDeclaresStepIdentities() throws Exception {
    StepModule module = module("com.example.Pipeline", "com.example.Pipeline_WaymarkModule");

    assertEquals(
        List.of(
            "com.example.Pipeline#readData",
            "com.example.Pipeline#preprocessing",
            "com.example.Pipeline#aggregate",
            "com.example.Pipeline#other",
            "com.example.Pipeline#countMoves",
            "com.example.Pipeline#log",
            "com.example.Pipeline#sum"),
        module.steps().stream().map(StepDefinition::id).toList());
    assertEquals(
        List.of(3, 1),
        module.steps().stream()
            .filter(step -> step.taskName().equals("other") || step.taskName().equals("sum"))
            .map(StepDefinition::arity)
            .toList());
  }

  @Test
  void invokersCallTheStepMethods() throws Exception {
    StepModule module = module("com.example.Pipeline", "com.example.Pipeline_WaymarkModule");
    Map<String, StepInvoker> invokers =
        module.steps().stream()
            .collect(Collectors.toMap(StepDefinition::taskName, GeneratedCodeTest::invoker));
    ClassLoader loader = module.getClass().getClassLoader();
    Object point = record(loader, "com.example.Pipeline$Point", 1, "p", List.of(7));
    Object red = enumConstant(loader, "com.example.Pipeline$Color", "RED");

    assertEquals(List.of(1, 2, 3), invokers.get("readData").invoke(new Object[] {3}));
    assertEquals(12, invokers.get("aggregate").invoke(new Object[] {List.of(5, 7)}));
    assertEquals(6L, invokers.get("sum").invoke(new Object[] {new long[] {1, 2, 3}}));
    assertNull(invokers.get("log").invoke(new Object[] {"hi", null}));
    Object moved = invokers.get("other").invoke(new Object[] {point, red, new int[] {0, 0}});
    assertEquals(record(loader, "com.example.Pipeline$Point", 3, "pRED", List.of(7)), moved);
    invokers.get("other").invoke(new Object[] {point, red, new int[0]});
    // Both instance steps ran on the same, single instance.
    assertEquals(2, invokers.get("countMoves").invoke(new Object[0]));
  }

  @Test
  void serializersRoundTripRecordsEnumsAndArrays() throws Exception {
    StepModule module = module("com.example.Pipeline", "com.example.Pipeline_WaymarkModule");
    Kryo kryo = kryoWith(module);
    ClassLoader loader = module.getClass().getClassLoader();
    Object point =
        record(loader, "com.example.Pipeline$Point", 4, null, new ArrayList<>(List.of(1, 2)));
    Object green = enumConstant(loader, "com.example.Pipeline$Color", "GREEN");
    Object points = Array.newInstance(point.getClass(), 2);
    Array.set(points, 0, point);

    assertEquals(point, roundTrip(kryo, point));
    assertSame(green, roundTrip(kryo, green));
    assertArrayEquals((Object[]) points, (Object[]) roundTrip(kryo, points));
    // The constant is stored by name (Kryo marks a string's last ASCII byte), not by ordinal.
    assertTrue(new String(write(kryo, green), StandardCharsets.ISO_8859_1).contains("GREE"));
  }

  @Test
  void serializersRoundTripRecursiveRecordsAndEveryPrimitive() throws Exception {
    StepModule module = module("com.example.Outer", "com.example.Outer_Inner_WaymarkModule");
    Kryo kryo = kryoWith(module);
    ClassLoader loader = module.getClass().getClassLoader();
    Object leaf =
        record(loader, "com.example.Outer$Leaf", (byte) 1, (short) 2, 'c', 4f, 5d, true, 7L);
    Object child = record(loader, "com.example.Outer$Tree", "child", new ArrayList<>(), leaf);
    Object tree =
        record(loader, "com.example.Outer$Tree", "root", new ArrayList<>(List.of(child)), null);
    Class<?> level = loader.loadClass("com.example.Outer$Level");
    Object grid = Array.newInstance(level, 1, 2);
    Array.set(Array.get(grid, 0), 1, enumConstant(loader, "com.example.Outer$Level", "HIGH"));

    assertEquals(tree, roundTrip(kryo, tree));
    Object[][] back = (Object[][]) roundTrip(kryo, grid);
    assertArrayEquals(((Object[][]) grid)[0], back[0]);
  }

  static JavaFileObject[] add(JavaFileObject[] files, JavaFileObject file) {
    List<JavaFileObject> all = new ArrayList<>(List.of(files));
    all.add(file);
    return all.toArray(JavaFileObject[]::new);
  }

  /** Compiles a sample and loads its generated module from the compiler's class output. */
  static StepModule module(String stepClass, String moduleClass) throws Exception {
    Compilation compilation = compile(resources(stepClass));
    assertThat(compilation).succeeded();
    ClassLoader loader = new CompiledClassLoader(compilation);
    return (StepModule) loader.loadClass(moduleClass).getConstructor().newInstance();
  }

  /** The runtime keeps invokers package-private; tests reach them to run steps without storage. */
  static StepInvoker invoker(StepDefinition<?> step) {
    try {
      Method invoker = StepDefinition.class.getDeclaredMethod("invoker");
      invoker.setAccessible(true);
      return (StepInvoker) invoker.invoke(step);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** A Kryo set up like the runtime's: registration required, the module's types registered. */
  static Kryo kryoWith(StepModule module) {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    kryo.register(ArrayList.class);
    kryo.register(List.of(1).getClass());
    module.registerTypes(
        new TypeRegistrar() {
          @Override
          public <T> void register(Class<T> type, Serializer<T> serializer, String shape) {
            kryo.register(type, serializer);
          }

          @Override
          public void register(Class<?> type) {
            kryo.register(type);
          }
        });
    return kryo;
  }

  private static byte[] write(Kryo kryo, Object value) {
    Output output = new Output(256, -1);
    kryo.writeClassAndObject(output, value);
    return output.toBytes();
  }

  static Object roundTrip(Kryo kryo, Object value) {
    return kryo.readClassAndObject(new Input(write(kryo, value)));
  }

  static Object record(ClassLoader loader, String name, Object... components) throws Exception {
    Constructor<?> canonical = loader.loadClass(name).getDeclaredConstructors()[0];
    canonical.setAccessible(true);
    return canonical.newInstance(components);
  }

  private static Object enumConstant(ClassLoader loader, String name, String constant)
      throws Exception {
    for (Object value : loader.loadClass(name).getEnumConstants()) {
      if (((Enum<?>) value).name().equals(constant)) {
        return value;
      }
    }
    throw new AssertionError(name + " has no constant " + constant);
  }
}
