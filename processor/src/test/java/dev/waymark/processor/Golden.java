package dev.waymark.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;

/**
 * Compares generated sources with golden files under {@code src/test/resources/golden}.
 *
 * <p>To regenerate them after an intended change, run {@code mvn test -Dgolden.update=true} and
 * review the diff: the golden files are what a user steps through in a debugger.
 */
final class Golden {
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  private Golden() {}

  static void assertGenerated(Compilation compilation, String qualifiedName) {
    String resource = "golden/" + qualifiedName.replace('.', '/') + ".java";
    JavaFileObject actual =
        compilation
            .generatedSourceFile(qualifiedName)
            .orElseThrow(() -> new AssertionError(qualifiedName + " was not generated"));
    String actualText = read(actual);
    JavaFileObject expected;
    if (UPDATE) {
      // Relative to the module directory, which is the working directory of Maven's test runs.
      Path file = Path.of("src/test/resources", resource);
      write(file, actualText);
      expected = JavaFileObjects.forSourceString(qualifiedName, actualText);
    } else {
      expected = JavaFileObjects.forResource(resource);
    }
    // Same syntax tree, and then the same text, so that layout and Javadoc are reviewed too.
    assertThat(compilation).generatedSourceFile(qualifiedName).hasSourceEquivalentTo(expected);
    assertEquals(
        read(expected), actualText, "generated " + qualifiedName + " differs from " + resource);
  }

  private static String read(JavaFileObject file) {
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
