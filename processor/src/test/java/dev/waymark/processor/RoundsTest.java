package dev.waymark.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.waymark.processor.Compilations.OPTIONS;
import static dev.waymark.processor.Compilations.compile;
import static dev.waymark.processor.Compilations.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Rounds, deferral and failures: what javac sees around the validate-and-write stages. */
class RoundsTest {
  private static final JavaFileObject PAYMENTS =
      source(
          "com.example.Payments",
          """
          package com.example;
          import dev.waymark.annotations.Step;
          @MakesMoney
          class Payments {
            @Step
            static Money charge(Money amount) { return amount; }
          }
          """);

  /** The annotation that asks {@link MoneyGenerator} for its type. */
  private static final JavaFileObject MAKES_MONEY =
      source("com.example.MakesMoney", "package com.example;\n@interface MakesMoney {}\n");

  /**
   * Generates {@code com.example.Money} in the first round, as another processor might when it
   * finds its own annotation, which it claims as Waymark's processor claims its own.
   */
  private static final class MoneyGenerator extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("com.example.MakesMoney");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latest();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (Writer out =
            processingEnv.getFiler().createSourceFile("com.example.Money").openWriter()) {
          out.write("package com.example;\npublic record Money(long cents, String currency) {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return true;
    }
  }

  @Test
  void classWaitsForTypesGeneratedInALaterRound() {
    Compilation compilation =
        Compiler.javac()
            .withProcessors(new StepProcessor(), new MoneyGenerator())
            .withOptions((Object[]) OPTIONS)
            .compile(PAYMENTS, MAKES_MONEY);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("com.example.Payments_WaymarkModule")
        .contentsAsUtf8String()
        .contains("registrar.register(Money.class, new MoneySerializer(),");
  }

  @Test
  void continuationWaitsForTheTypeItsWorkflowProduces() {
    JavaFileObject refunds =
        source(
            "com.example.Refunds",
            """
            package com.example;
            import dev.waymark.Workflow;
            import dev.waymark.annotations.Step;
            @MakesMoney
            class Refunds {
              @Step
              static Workflow<Money> refund(Money amount) { return RefundsSteps.refund(amount); }
            }
            """);

    Compilation compilation =
        Compiler.javac()
            .withProcessors(new StepProcessor(), new MoneyGenerator())
            .withOptions((Object[]) OPTIONS)
            .compile(refunds, MAKES_MONEY);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("com.example.Refunds_WaymarkModule")
        .contentsAsUtf8String()
        .contains("static final StepDefinition<Money> REFUND =");
  }

  @Test
  void checkpointerWaitsForItsStateType() {
    JavaFileObject wallet =
        source(
            "com.example.Wallet",
            """
            package com.example;
            import dev.waymark.Checkpointer;
            import dev.waymark.annotations.Step;
            @MakesMoney
            class Wallet {
              @Step
              static long spend(long cents, Checkpointer<Money> spent) { return cents; }
            }
            """);

    Compilation compilation =
        Compiler.javac()
            .withProcessors(new StepProcessor(), new MoneyGenerator())
            .withOptions((Object[]) OPTIONS)
            .compile(wallet, MAKES_MONEY);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("com.example.Wallet_WaymarkModule")
        .contentsAsUtf8String()
        .contains("registrar.register(Money.class, new MoneySerializer(),");
  }

  @Test
  void typeStillMissingAtTheLastRoundIsReportedOnce() {
    Compilation compilation = compile(PAYMENTS, MAKES_MONEY);

    // javac's own "cannot find symbol" (twice: parameter and result), and ours once per use.
    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepTypeMissing] parameter 'amount' of @Step method 'charge' uses type Money, which"
                + " could not be found; fix the errors reported for it, or the processor that"
                + " should generate it")
        .inFile(PAYMENTS)
        .onLine(6);
    assertThat(compilation)
        .hadErrorContaining("[StepTypeMissing] return type of @Step method 'charge'")
        .inFile(PAYMENTS)
        .onLine(6);
  }

  @Test
  void exceptionInTheProcessorIsReportedOnTheClass() {
    JavaFileObject file =
        source(
            "com.example.Fragile",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            class Fragile {
              @Step static int twice(int x) { return 2 * x; }
            }
            """);
    StepProcessor failing =
        new StepProcessor(
            stepClass -> {
              throw new IllegalStateException("simulated failure on " + stepClass);
            });

    Compilation compilation = compile(failing, file);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[InternalError] the Waymark processor failed on com.example.Fragile:"
                + " java.lang.IllegalStateException: simulated failure on com.example.Fragile;"
                + " this is a bug in Waymark, please report it with this stack trace:")
        .inFile(file)
        .onLine(3);
    assertThat(compilation).hadErrorContaining("at dev.waymark.processor.StepProcessor");
  }

  @Test
  void generatedNameAlreadyTaken() {
    JavaFileObject steps =
        source(
            "com.example.Jobs",
            """
            package com.example;
            import dev.waymark.annotations.Step;
            class Jobs {
              @Step static int twice(int x) { return 2 * x; }
            }
            """);
    JavaFileObject handWritten =
        source("com.example.JobsSteps", "package com.example;\nclass JobsSteps {}\n");

    Compilation compilation = compile(steps, handWritten);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation)
        .hadErrorContaining(
            "[StepWriteFailed] could not write the generated com.example.JobsSteps: Attempt to"
                + " recreate a file for type com.example.JobsSteps; if a class or file of that name"
                + " already exists in the compilation, rename it")
        .inFile(steps)
        .onLine(3);
  }
}
