package dev.waymark.processor;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.Arrays;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/**
 * Runs the real javac with the processor. The compiler's class path is the test JVM's (surefire's),
 * which holds the annotations, the runtime and Kryo, so generated code compiles against them.
 */
final class Compilations {
  private Compilations() {}

  /**
   * Every lint, as the strictest user build has it, so that a warning in generated code (or about
   * unclaimed annotations) fails the tests.
   */
  static final String[] OPTIONS = {"-Xlint:all", "--release", "17"};

  static Compilation compile(JavaFileObject... sources) {
    return compile(new StepProcessor(), sources);
  }

  static Compilation compile(Processor processor, JavaFileObject... sources) {
    return Compiler.javac()
        .withProcessors(processor)
        .withOptions((Object[]) OPTIONS)
        .compile(sources);
  }

  /** Sample step classes under {@code src/test/resources/steps}. */
  static JavaFileObject[] resources(String... qualifiedNames) {
    return Arrays.stream(qualifiedNames)
        .map(name -> JavaFileObjects.forResource("steps/" + name.replace('.', '/') + ".java"))
        .toArray(JavaFileObject[]::new);
  }

  /** An inline source; tests use text blocks so that the asserted lines are visible. */
  static JavaFileObject source(String qualifiedName, String code) {
    return JavaFileObjects.forSourceString(qualifiedName, code);
  }
}
