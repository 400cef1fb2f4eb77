package dev.waymark.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.waymark.processor.Compilations.compile;
import static dev.waymark.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Step names: unique per class and usable as builder method names. Errors about a {@code name}
 * value sit on the annotation's line, which the tests keep apart from the method's.
 */
class NameRulesTest {

  @Test
  void overloadsShareTheMethodName() {
    JavaFileObject file =
        source(
            "com.example.Overloads",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            class Overloads {
              @Step static int parse(String text) { return 0; }
              @Step static int parse(long value) { return 0; }
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepDuplicateName] step name 'parse' of @Step method parse(long) is already used by"
                + " method parse(String) of the same class, but a step's name and version identify"
                + " it in stored workflows; give one of them another name with @Step(name ="
                + " \"...\"), or, for a new version of the step, another @Step(version = ...)")
        .inFile(file)
        .onLine(5);
  }

  @Test
  void explicitNameClashesWithMethodName() {
    JavaFileObject file =
        source(
            "com.example.Renamed",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            class Renamed {
              @Step static int load(String text) { return 0; }
              @Step(name = "load")
              static int loadLegacy(String text) { return 0; }
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepDuplicateName] step name 'load' of @Step method loadLegacy(String) is already"
                + " used by method load(String)")
        .inFile(file)
        .onLine(5);
  }

  @Test
  void keyword() {
    JavaFileObject file =
        source(
            "com.example.Keyword",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            class Keyword {
              @Step(name = "class")
              static int classify(String text) { return 0; }
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepInvalidName] step name 'class' of @Step method 'classify' is a Java keyword; the"
                + " generated builder method is named after the step, so choose another"
                + " @Step(name = \"...\")")
        .inFile(file)
        .onLine(4);
  }

  @Test
  void notAnIdentifier() {
    JavaFileObject file =
        source(
            "com.example.Dashed",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            class Dashed {
              @Step(name = "load-data")
              static int load(String text) { return 0; }
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepInvalidName] step name 'load-data' of @Step method 'load' is not a Java"
                + " identifier")
        .inFile(file)
        .onLine(4);
  }

  @Test
  void nameOfAnObjectMethod() {
    JavaFileObject file =
        source(
            "com.example.Describer",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            class Describer {
              @Step
              static String toString(int x) { return ""; }
              @Step static String hashCode(String s) { return s; }
              @Step(name = "getClass")
              static String describe() { return ""; }
            }
            """);
    Compilation compilation = compile(file);

    // Static toString(int) and hashCode(String) builders are fine; a static getClass() is not.
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepInvalidName] step name 'getClass' of @Step method 'describe' would hide"
                + " java.lang.Object's method getClass()")
        .inFile(file)
        .onLine(7);
  }

  @Test
  void versionsStartAtOne() {
    JavaFileObject file =
        source(
            "com.example.Versions",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            class Versions {
              @Step(version = 0)
              static int parse(String text) { return 0; }
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepInvalidVersion] version 0 of @Step method 'parse' is not a version: versions"
                + " start at 1")
        .inFile(file)
        .onLine(4);
  }

  @Test
  void oneNameTwiceInOneVersionIsADuplicate() {
    JavaFileObject file =
        source(
            "com.example.Versions",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            class Versions {
              @Step(version = 2) static int parse(String text) { return 0; }
              @Step(name = "parse", version = 2) static int parseAgain(String text) { return 0; }
              @Step(name = "parse") static int parseV1(String text) { return 0; }
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepDuplicateName] step name 'parse' version 2 of @Step method parseAgain(String) is"
                + " already used by method parse(String)")
        .inFile(file)
        .onLine(5);
  }
}
