package dev.waymark.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.waymark.processor.Compilations.compile;
import static dev.waymark.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Options on {@code @Step} and {@code @Checkpoint}: each error sits on the line of the value that
 * is wrong, which the tests keep apart from the method's and the annotation's.
 */
class OptionRulesTest {

  @Test
  void negativeRetries() {
    JavaFileObject file =
        step(
            """
            @Step(
                maxRetries = -1)
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepNegativeRetries] maxRetries of @Step method 'fetch' is -1, but a step cannot be"
                + " retried a negative number of times; use 0 for no retries, or a positive number")
        .inFile(file)
        .onLine(5);
  }

  @Test
  void negativeDelay() {
    JavaFileObject file =
        step(
            """
            @Step(backoff = @Backoff(
                delayMillis = -5))
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepInvalidBackoff] backoff of @Step method 'fetch' is invalid: delayMillis is -5, a"
                + " negative wait; use 0 <= delayMillis <= maxDelayMillis and a finite multiplier"
                + " of at least 1")
        .inFile(file)
        .onLine(5);
  }

  @Test
  void capBelowTheFirstWait() {
    JavaFileObject file =
        step(
            """
            @Step(backoff = @Backoff(delayMillis = 500,
                maxDelayMillis = 100))
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepInvalidBackoff] backoff of @Step method 'fetch' is invalid: maxDelayMillis 100 is"
                + " less than delayMillis 500")
        .inFile(file)
        .onLine(5);
  }

  @Test
  void firstWaitAboveTheDefaultCap() {
    JavaFileObject file =
        step(
            """
            @Step(backoff = @Backoff(multiplier = 2,
                delayMillis = 90_000))
            """);
    Compilation compilation = compile(file);

    // The cap was not written, so the error sits on the value that was.
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepInvalidBackoff] backoff of @Step method 'fetch' is invalid: maxDelayMillis 60000"
                + " (the default) is less than delayMillis 90000")
        .inFile(file)
        .onLine(5);
  }

  @Test
  void shrinkingMultiplier() {
    JavaFileObject file =
        step(
            """
            @Step(backoff = @Backoff(delayMillis = 100,
                multiplier = 0.5))
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepInvalidBackoff] backoff of @Step method 'fetch' is invalid: multiplier is 0.5,"
                + " less than 1, so each wait would be shorter")
        .inFile(file)
        .onLine(5);
  }

  @Test
  void multiplierNotANumber() {
    JavaFileObject file =
        step(
            """
            @Step(backoff = @Backoff(
                multiplier = Double.NaN))
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepInvalidBackoff] backoff of @Step method 'fetch' is invalid: multiplier is NaN,"
                + " not a finite number")
        .inFile(file)
        .onLine(5);
  }

  @Test
  void negativeCpus() {
    JavaFileObject file =
        step(
            """
            @Step(
                cpus = -1)
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepInvalidResources] cpus of @Step method 'fetch' is -1.0, a negative amount; use 0"
                + " or a finite positive number")
        .inFile(file)
        .onLine(5);
  }

  @Test
  void infiniteGpus() {
    JavaFileObject file =
        step(
            """
            @Step(cpus = 1,
                gpus = Double.POSITIVE_INFINITY)
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepInvalidResources] gpus of @Step method 'fetch' is Infinity, not a finite number")
        .inFile(file)
        .onLine(5);
  }

  @Test
  void resourceNameWithASpace() {
    JavaFileObject file =
        step(
            """
            @Step(resources = @Resource(
                name = "gpu license"))
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepInvalidResources] resource \"gpu license\" of @Step method 'fetch' has a name"
                + " that the runtime does not accept; use only letters, digits, '.', '_' or '-'")
        .inFile(file)
        .onLine(5);
  }

  @Test
  void resourceWithoutAmount() {
    JavaFileObject file =
        step(
            """
            @Step(resources = {@Resource(name = "license"),
                @Resource(name = "db", amount = 0)})
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepInvalidResources] resource \"db\" of @Step method 'fetch' has amount 0.0; give it"
                + " a finite amount greater than 0, or remove it")
        .inFile(file)
        .onLine(5);
  }

  @Test
  void resourceListedTwice() {
    JavaFileObject file =
        step(
            """
            @Step(resources = {@Resource(name = "license", amount = 2),
                @Resource(name = "license")})
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepInvalidResources] resource \"license\" of @Step method 'fetch' is listed twice;"
                + " list each resource once, with the total amount that the step needs")
        .inFile(file)
        .onLine(5);
  }

  @Test
  void metadataWithoutEquals() {
    JavaFileObject file =
        step(
            """
            @Step(metadata = {"owner=team-a",
                "urgent"})
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepInvalidMetadata] metadata entry \"urgent\" of @Step method 'fetch' has no '=';"
                + " write each entry as \"key=value\" with a non-empty key, and each key once")
        .inFile(file)
        .onLine(5);
  }

  @Test
  void metadataWithEmptyKey() {
    JavaFileObject file =
        step(
            """
            @Step(
                metadata = "=team-a")
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepInvalidMetadata] metadata entry \"=team-a\" of @Step method 'fetch' has an empty"
                + " key")
        .inFile(file)
        .onLine(5);
  }

  @Test
  void metadataKeyTwice() {
    JavaFileObject file =
        step(
            """
            @Step(metadata = {"owner=team-a",
                "owner=team-b"})
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepInvalidMetadata] metadata entry \"owner=team-b\" of @Step method 'fetch' repeats"
                + " key 'owner'")
        .inFile(file)
        .onLine(5);
  }

  @Test
  void checkpointWithoutStep() {
    JavaFileObject file =
        source(
            "com.example.Plain",
            """
            package com.example;
            import dev.waymark.annotations.Checkpoint;
            import dev.waymark.annotations.CheckpointMode;
            class Plain {
              @Checkpoint(CheckpointMode.FALSE)
              static int load(String key) { return 0; }
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[CheckpointWithoutStep] @Checkpoint on method 'load' has no effect because the method"
                + " is not a @Step; add @Step to the method, or remove @Checkpoint")
        .inFile(file)
        .onLine(5);
  }

  @Test
  void checkpointWithoutStepNextToSteps() {
    JavaFileObject file =
        source(
            "com.example.Mixed",
            """
            package com.example;
            import dev.waymark.annotations.Checkpoint;
            import dev.waymark.annotations.CheckpointMode;
            import dev.waymark.annotations.Step;
            class Mixed {
              @Checkpoint(CheckpointMode.FALSE) @Step static int load(String key) { return 0; }
              @Checkpoint(CheckpointMode.TRUE)
              static int helper(String key) { return 0; }
            }
            """);
    FilerSpy spy = new FilerSpy();
    Compilation compilation = compile(spy, file);

    // The stray @Checkpoint does not stop the class's steps from being generated.
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[CheckpointWithoutStep] @Checkpoint on method 'helper'")
        .inFile(file)
        .onLine(7);
    assertEquals(
        List.of("com.example.MixedSteps", "com.example.Mixed_WaymarkModule"), spy.createdSources());
  }

  @Test
  void everyWrongValueIsReportedOnce() {
    JavaFileObject file =
        step(
            """
            @Step(maxRetries = -2,
                backoff = @Backoff(delayMillis = -1, multiplier = 0),
                cpus = -0.5, resources = @Resource(name = "", amount = -1),
                metadata = {"a", "b=1", "b=2"})
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(8);
    assertThat(compilation).hadErrorContaining("[StepNegativeRetries]").inFile(file).onLine(4);
    assertThat(compilation).hadErrorContaining("delayMillis is -1").inFile(file).onLine(5);
    assertThat(compilation).hadErrorContaining("multiplier is 0.0").inFile(file).onLine(5);
    assertThat(compilation).hadErrorContaining("cpus of @Step").inFile(file).onLine(6);
    assertThat(compilation).hadErrorContaining("resource \"\" of @Step").inFile(file).onLine(6);
    assertThat(compilation).hadErrorContaining("has amount -1.0").inFile(file).onLine(6);
    assertThat(compilation).hadErrorContaining("entry \"a\"").inFile(file).onLine(7);
    assertThat(compilation).hadErrorContaining("repeats key 'b'").inFile(file).onLine(7);
  }

  @Test
  void valueOfTheWrongTypeIsLeftToJavac() {
    JavaFileObject file =
        step(
            """
            @Step(maxRetries = "three", metadata = {"owner=a", 1},
                resources = @Resource(name = 2))
            """);
    Compilation compilation = compile(file);

    // javac's three "incompatible types", and no error of ours, let alone an internal one.
    assertThat(compilation).hadErrorCount(3);
    assertThat(compilation).hadErrorContaining("incompatible types").inFile(file).onLine(4);
    assertThat(compilation).hadErrorContaining("incompatible types").inFile(file).onLine(5);
  }

  /** {@code com.example.Jobs} with one static step {@code fetch} under {@code annotation}. */
  private static JavaFileObject step(String annotation) {
    return source(
        "com.example.Jobs",
        """
        package com.example;
        import dev.waymark.annotations.*;
        class Jobs {
        %s  static String fetch(String url) { return url; }
        }
        """
            .formatted(annotation.indent(2)));
  }
}
