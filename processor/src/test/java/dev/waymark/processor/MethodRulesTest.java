package dev.waymark.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.waymark.processor.Compilations.compile;
import static dev.waymark.processor.Compilations.source;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Each rule about a {@code @Step} method and its class: message, line and error count. */
class MethodRulesTest {

  @Test
  void privateMethod() {
    JavaFileObject file =
        source(
            "com.example.Steps1",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            class Steps1 {
              @Step private static int hidden(int x) { return x; }
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepPrivate] @Step method 'hidden' must not be private: the generated Steps1Steps"
                + " calls it; make it package-private or public")
        .inFile(file)
        .onLine(4);
  }

  @Test
  void abstractMethod() {
    JavaFileObject file =
        source(
            "com.example.Shape",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            abstract class Shape {
              @Step abstract int area(int scale);
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[StepAbstract] @Step method 'area' is abstract")
        .inFile(file)
        .onLine(4);
  }

  @Test
  void interfaceMethod() {
    JavaFileObject file =
        source(
            "com.example.Api",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            interface Api {
              @Step static int twice(int x) { return 2 * x; }
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepAbstract] @Step method 'twice' is declared in interface Api, so there is no code"
                + " for the step to run; put @Step on a concrete method of a class")
        .inFile(file)
        .onLine(4);
  }

  @Test
  void instanceMethodOfAbstractClass() {
    JavaFileObject file =
        source(
            "com.example.Base",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            abstract class Base {
              @Step int twice(int x) { return 2 * x; }
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepNoInstance] @Step method 'twice' is an instance method, but the generated code"
                + " cannot create an instance of Base: it is abstract; make the method static, or"
                + " give the class an accessible no-argument constructor")
        .inFile(file)
        .onLine(4);
  }

  @Test
  void instanceMethodWithoutNoArgumentConstructor() {
    JavaFileObject file =
        source(
            "com.example.Configured",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            class Configured {
              private final int factor;
              Configured(int factor) { this.factor = factor; }
              @Step int scale(int x) { return factor * x; }
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepNoInstance] @Step method 'scale' is an instance method, but the generated code"
                + " cannot create an instance of Configured: it has no non-private no-argument"
                + " constructor")
        .inFile(file)
        .onLine(6);
  }

  @Test
  void instanceMethodOfInnerClass() {
    JavaFileObject file =
        source(
            "com.example.Host",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            class Host {
              class Guest {
                @Step int twice(int x) { return 2 * x; }
              }
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[StepNoInstance] @Step method 'twice'")
        .inFile(file)
        .onLine(5);
    assertThat(compilation)
        .hadErrorContaining("cannot create an instance of Host.Guest: it is an inner class");
  }

  @Test
  void instanceMethodWhoseConstructorThrowsCheckedException() {
    JavaFileObject file =
        source(
            "com.example.Opener",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            class Opener {
              Opener() throws java.io.IOException {}
              @Step int twice(int x) { return 2 * x; }
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepNoInstance] @Step method 'twice' is an instance method, but the generated code"
                + " cannot create an instance of Opener: its no-argument constructor throws checked"
                + " exception IOException")
        .inFile(file)
        .onLine(5);
  }

  @Test
  void genericMethod() {
    JavaFileObject file =
        source(
            "com.example.Generic",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            class Generic {
              @Step static <T> T same(T value) { return value; }
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepGeneric] @Step method 'same' declares type parameters <T>, but a step's inputs"
                + " and result must have concrete types to be checkpointed")
        .inFile(file)
        .onLine(4);
  }

  @Test
  void methodUsingTypeVariableOfItsClass() {
    JavaFileObject file =
        source(
            "com.example.Holder",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            import java.util.List;
            class Holder<T> {
              @Step List<T> wrap(String label) { return List.of(); }
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepGeneric] @Step method 'wrap' uses type variable T of class Holder")
        .inFile(file)
        .onLine(5);
  }

  @Test
  void methodThrowingThrowable() {
    JavaFileObject file =
        source(
            "com.example.Risky",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            class Risky {
              @Step static int attempt(int x) throws Throwable { return x; }
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepThrowsThrowable] @Step method 'attempt' declares 'throws Throwable', which a step"
                + " invoker cannot rethrow; declare Exception or a subclass of it instead")
        .inFile(file)
        .onLine(4);
  }

  @Test
  void privateClass() {
    JavaFileObject file =
        source(
            "com.example.Container",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            class Container {
              private static class Hidden {
                @Step static int twice(int x) { return 2 * x; }
              }
            }
            """);
    Compilation compilation = compile(file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepClassNotAccessible] class Container.Hidden, which declares or encloses @Step"
                + " methods, is private, so the generated Container_HiddenSteps cannot call them;"
                + " make it package-private or public")
        .inFile(file)
        .onLine(4);
  }

  @Test
  void classNestedInPrivateClass() {
    JavaFileObject file =
        source(
            "com.example.Shell",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            class Shell {
              private static class Hidden {
                static class Visible {
                  @Step static int twice(int x) { return 2 * x; }
                }
              }
            }
            """);
    Compilation compilation = compile(file);

    // Reported on the private class, where the fix goes, not on the class with the steps.
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining("[StepClassNotAccessible] class Shell.Hidden")
        .inFile(file)
        .onLine(4);
    assertThat(compilation).hadErrorContaining("the generated Shell_Hidden_VisibleSteps");
  }

  @Test
  void everyProblemIsReportedOnce() {
    JavaFileObject file =
        source(
            "com.example.Messy",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            class Messy {
              @Step private static Thread a(int x) { return null; }
              @Step static <T> int b(T x) { return 0; }
              @Step static int c(Object o) { return 0; }
              @Step static int ok(int x) { return x; }
            }
            """);
    JavaFileObject fine =
        source(
            "com.example.Fine",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            class Fine {
              @Step static int ok(int x) { return x; }
            }
            """);
    FilerSpy spy = new FilerSpy();
    Compilation compilation = compile(spy, file, fine);

    // a: private and a Thread result; b: generic (its types are not checked on top); c: Object.
    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation).hadErrorContaining("[StepPrivate]").inFile(file).onLine(4);
    assertThat(compilation)
        .hadErrorContaining("[StepTypeNotSerializable] return type of @Step method 'a'")
        .inFile(file)
        .onLine(4);
    assertThat(compilation).hadErrorContaining("[StepGeneric]").inFile(file).onLine(5);
    assertThat(compilation)
        .hadErrorContaining("[StepTypeNotSerializable] parameter 'o'")
        .inFile(file)
        .onLine(6);
    // Nothing for the class with errors; the other class is still generated.
    assertEquals(
        List.of("com.example.FineSteps", "com.example.Fine_WaymarkModule"), spy.createdSources());
  }
}
