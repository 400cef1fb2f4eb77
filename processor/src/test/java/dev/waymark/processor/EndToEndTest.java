package dev.waymark.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.waymark.processor.Compilations.compile;
import static dev.waymark.processor.Compilations.resources;
import static dev.waymark.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.waymark.internal.storage.JvmFlags;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs generated code through the real runtime in a child JVM: the service file, the step
 * identities, the invokers and the serializers all have to work for a workflow to finish there.
 */
class EndToEndTest {
  /** Chronicle's analytics and banners off in the child. */
  private static final List<String> QUIET_CHRONICLE =
      List.of("-Dchronicle.analytics.disable=true", "-Dchronicle.announcer.disable=true");

  private static final JavaFileObject MAIN =
      source(
          "com.example.Main",
          """
          package com.example;
          import dev.waymark.Waymark;
          import dev.waymark.Workflow;
          import java.nio.file.Path;
          import java.util.List;
          public class Main {
            public static void main(String[] args) {
              try (Waymark waymark = Waymark.open(Path.of(args[0]))) {
                Workflow<List<Integer>> data = PipelineSteps.readData(4);
                Workflow<Integer> total =
                    PipelineSteps.aggregate(PipelineSteps.preprocessing(data));
                System.out.println(waymark.run(total));
                Pipeline.Point start = new Pipeline.Point(1, "p", List.of(3));
                Workflow<Pipeline.Point> moved =
                    PipelineSteps.other(start, Pipeline.Color.GREEN, new int[] {5});
                Workflow<Pipeline.Point> again =
                    PipelineSteps.other(
                        moved, Workflow.of(Pipeline.Color.RED), Workflow.of(new int[2]));
                System.out.println(waymark.run(again));
                System.out.println(waymark.run(PipelineSteps.countMoves()));
                Pipeline.Point[] points = {null};
                System.out.println(waymark.run(PipelineSteps.log("x", points)));
              }
            }
          }
          """);

  /** Steps that catch exceptions, feed a caught failure on, and retry as their annotation says. */
  private static final JavaFileObject RESILIENT_MAIN =
      source(
          "com.example.Main",
          """
          package com.example;
          import dev.waymark.Waymark;
          import java.nio.file.Path;
          public class Main {
            public static void main(String[] args) {
              try (Waymark waymark = Waymark.open(Path.of(args[0]))) {
                System.out.println(waymark.run(ResilientSteps.describe(ResilientSteps.parse("x"))));
                System.out.println(waymark.run(ResilientSteps.describe(ResilientSteps.parse("42"))));
                System.out.println(waymark.run(ResilientSteps.flaky(4)));
                System.out.println(waymark.run(ResilientSteps.audit("")).isSuccess());
              }
            }
          }
          """);

  /**
   * Continuations: the runtime runs the workflow a step returns, recursively or fanned out, and a
   * catching one catches a failure inside that workflow too.
   */
  private static final JavaFileObject MATH_MAIN =
      source(
          "com.example.Main",
          """
          package com.example;
          import dev.waymark.Result;
          import dev.waymark.Waymark;
          import dev.waymark.Workflow;
          import java.nio.file.Path;
          public class Main {
            public static void main(String[] args) {
              try (Waymark waymark = Waymark.open(Path.of(args[0]))) {
                System.out.println(waymark.run(MathSteps.factorial(5)));
                System.out.println(waymark.run(MathSteps.table(MathSteps.mul(1, 3))));
                System.out.println(
                    waymark.run(MathSteps.divide(MathSteps.factorial(4), Workflow.of(5))));
                System.out.println(waymark.run(MathSteps.checkedFactorial(4)).value());
                Result<Integer> negative = waymark.run(MathSteps.checkedFactorial(-1));
                System.out.println(negative.isSuccess());
                // 13! overflows an int in the mul task of the returned workflow, not in the step.
                Result<Integer> overflow = waymark.run(MathSteps.checkedFactorial(13));
                System.out.println(overflow.isSuccess());
                System.out.println(waymark.run(MathSteps.checkTable(2)));
              }
            }
          }
          """);

  /**
   * Parameters the runtime supplies: the state a step saves before an attempt fails is what the
   * retry loads, a long step resumes where it stopped, and the context names the task.
   */
  private static final JavaFileObject TRAINING_MAIN =
      source(
          "com.example.Main",
          """
          package com.example;
          import dev.waymark.Waymark;
          import java.nio.file.Path;
          public class Main {
            public static void main(String[] args) {
              try (Waymark waymark = Waymark.open(Path.of(args[0]))) {
                System.out.println(waymark.run(TrainingSteps.restore(7)));
                System.out.println(waymark.run(TrainingSteps.train(4)));
                System.out.println(Training.epochsRun);
                System.out.println(waymark.run(TrainingSteps.whoAmI(), "ctx"));
                System.out.println(waymark.run(TrainingSteps.advance("job", 1, 2), "adv"));
              }
            }
          }
          """);

  @Test
  void workflowsOfGeneratedStepsRunOnTheRuntime(@TempDir Path dir) throws Exception {
    Path classes = compileTo(dir.resolve("classes"), "com.example.Pipeline", MAIN);

    List<String> output = run(classes, dir.resolve("storage"));

    assertEquals(List.of("20", "Point[x=4, label=pGREENRED, tags=[3]]", "2", "null"), output);
  }

  @Test
  void annotationOptionsTakeEffectOnTheRuntime(@TempDir Path dir) throws Exception {
    Path classes = compileTo(dir.resolve("classes"), "com.example.Resilient", RESILIENT_MAIN);

    List<String> output = run(classes, dir.resolve("storage"));

    // flaky fails twice: only its maxRetries = 2 with retryExceptions = true let it finish.
    assertEquals(List.of("failed", "parsed 42", "40", "false"), output);
  }

  @Test
  void continuationsRunTheWorkflowTheyReturn(@TempDir Path dir) throws Exception {
    Path classes = compileTo(dir.resolve("classes"), "com.example.Math", MATH_MAIN);

    List<String> output = run(classes, dir.resolve("storage"));

    assertEquals(
        List.of(
            "120",
            "[3 x 1 = 3, 3 x 2 = 6, 3 x 3 = 9]",
            "Division[quotient=4, remainder=4]",
            "24",
            "false",
            "false",
            "null"),
        output);
  }

  @Test
  void suppliedCheckpointerKeepsStateAcrossAttempts(@TempDir Path dir) throws Exception {
    Path classes = compileTo(dir.resolve("classes"), "com.example.Training", TRAINING_MAIN);

    List<String> output = run(classes, dir.resolve("storage"));

    assertEquals(
        List.of(
            // Saved by the first attempt, which then failed; loaded by the retry.
            "TrainingState[epoch=7, loss=0.5]",
            // 1.0 halved once per epoch; the retry went on at epoch 2, so 4 epochs ran, not 6.
            "0.0625",
            "4",
            "ctx/whoAmI@1",
            // The enum reached only through the state is registered: saveAsync serializes at once.
            "job [WARM_UP, MAIN, COOL_DOWN] 2 in advance"),
        output);
  }

  /** Compiles a sample with its main class and writes the class files under {@code classes}. */
  private static Path compileTo(Path classes, String stepClass, JavaFileObject main)
      throws IOException {
    List<JavaFileObject> sources = new ArrayList<>(List.of(resources(stepClass)));
    sources.add(main);
    Compilation compilation = compile(sources.toArray(JavaFileObject[]::new));
    assertThat(compilation).succeeded();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.SOURCE) {
        // Names look like /CLASS_OUTPUT/com/example/Main.class.
        Path target = classes.resolve(file.getName().substring("/CLASS_OUTPUT/".length()));
        Files.createDirectories(target.getParent());
        try (InputStream in = file.openInputStream()) {
          Files.copy(in, target);
        }
      }
    }
    return classes;
  }

  private static List<String> run(Path classes, Path storage)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JvmFlags.forThisJdk()); // the runtime's one list of the flags it needs
    command.addAll(QUIET_CHRONICLE);
    command.add("-cp");
    command.add(classes + File.pathSeparator + System.getProperty("java.class.path"));
    command.add("com.example.Main");
    command.add(storage.toString());
    // stderr to a file: the runtime's logging must not mix with the results on stdout.
    Path errors = storage.resolveSibling("stderr.txt");
    Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
    String text = new String(out, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), () -> text + readString(errors));
    return text.lines().toList();
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(no stderr: " + e + ")";
    }
  }
}
