package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles user code the way a user's build does: the real javac, with the Waymark processor on the
 * processor path and this JVM's class path (the runtime) on the class path.
 */
final class Javac {
  private Javac() {}

  /** Compiles every {@code .java} file under {@code sources} into {@code output}. */
  static void compile(Path sources, Path output, String... extraOptions) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(sources)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    compile(files, output, extraOptions);
  }

  /** Compiles {@code files} into {@code output}, which is also on the class path. */
  static void compile(List<Path> files, Path output, String... extraOptions) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String classpath = output + java.io.File.pathSeparator + System.getProperty("java.class.path");
    List<String> options =
        new ArrayList<>(
            List.of(
                "-d",
                output.toString(),
                "--release",
                "17",
                "-classpath",
                classpath,
                "-processorpath",
                System.getProperty("java.class.path"),
                "-processor",
                "dev.waymark.processor.StepProcessor"));
    options.addAll(List.of(extraOptions));
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager manager =
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      Files.createDirectories(output);
      boolean ok =
          javac
              .getTask(
                  diagnostics,
                  manager,
                  null,
                  options,
                  null,
                  manager.getJavaFileObjectsFromPaths(files))
              .call();
      assertTrue(ok, "javac failed:\n" + diagnostics);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
