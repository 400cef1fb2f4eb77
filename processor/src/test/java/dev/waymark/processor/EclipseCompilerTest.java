package dev.waymark.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.core.compiler.batch.BatchCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor under Eclipse's compiler (ECJ), which Eclipse and the Java tools of VS Code build
 * with: it runs there too, and the code it writes draws no warning from ECJ, whose checks differ
 * from javac's (ECJ reports an import that only Javadoc uses as unused; javac says nothing).
 */
class EclipseCompilerTest {
  @TempDir Path dir;

  @Test
  void generatedCodeDrawsNoWarningFromEcj() throws Exception {
    Path generated = dir.resolve("generated");
    List<String> args =
        new ArrayList<>(
            List.of(
                "--release",
                "17",
                "-warn:+unusedImport",
                "-Xemacs",
                "-classpath",
                System.getProperty("java.class.path"),
                "-processor",
                StepProcessor.class.getName(),
                "-s",
                generated.toString(),
                "-d",
                dir.resolve("classes").toString()));
    for (String name : List.of("Pipeline", "Math", "Resilient", "Training", "Payments", "Box")) {
      args.add(fixture(name).toString());
    }
    StringWriter out = new StringWriter();
    boolean compiled =
        BatchCompiler.compile(
            args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(out), null);

    String output = out.toString();
    assertTrue(compiled, output);
    List<String> aboutGenerated =
        output.lines().filter(line -> line.startsWith(generated.toString())).toList();
    assertEquals(List.of(), aboutGenerated, output);
    // Not vacuous: ECJ ran the processor, which wrote the builders, Javadoc and all.
    String training = Files.readString(generated.resolve("com/example/TrainingSteps.java"));
    assertTrue(
        training.contains("{@link dev.waymark.Checkpointer} supplied by the runtime"), training);
  }

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(
        EclipseCompilerTest.class.getResource("/steps/com/example/" + name + ".java").toURI());
  }
}
