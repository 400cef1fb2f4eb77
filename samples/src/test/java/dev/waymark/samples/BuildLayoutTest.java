package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.test.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds and class loaders as users have them: an incremental compile of one step class (as IDEs
 * and Gradle do), and a program in a class loader below the one holding Waymark. In both, a
 * workflow whose JVM was killed resumes in a fresh JVM that has not touched its steps yet.
 */
class BuildLayoutTest {
  @TempDir Path dir;

  @Test
  void anIncrementalCompileOfOneStepClassKeepsTheOthersResumable() throws Exception {
    Path classes = dir.resolve("classes");
    Javac.compile(resource("layout"), classes);
    Path storage = dir.resolve("storage");
    startAndKill(List.of(classes), "lay.Assembly", storage.toString());

    // Only Assembly is compiled again, into the output that holds Parts and its module.
    Javac.compile(List.of(resource("layout/b/lay/Assembly.java")), classes);
    assertEquals(
        "lay.Assembly_WaymarkModule\nlay.Parts_WaymarkModule\n",
        Files.readString(classes.resolve("META-INF/services/dev.waymark.internal.StepModule")));

    assertEquals("RESULT 3x bolt", resume(List.of(classes), "lay.Assembly", storage.toString()));
  }

  @Test
  void stepsInAClassLoaderBelowWaymarksRunAndResume() throws Exception {
    Path program = dir.resolve("program");
    Javac.compile(resource("layout"), program);
    Path storage = dir.resolve("storage");
    String launcher = ChildLoaderLauncher.class.getName();
    startAndKill(List.of(), launcher, program.toString(), "lay.Assembly", storage.toString());

    assertEquals(
        "RESULT 3x bolt",
        resume(List.of(), launcher, program.toString(), "lay.Assembly", storage.toString()));
  }

  /** Runs the program until its second step holds, then kills it with SIGKILL. */
  private void startAndKill(List<Path> classpath, String main, String... args) throws Exception {
    Path out = dir.resolve("start.out");
    Process child =
        ChildJvm.start(
            out, true, List.of("-Dlay.block=true"), classpath, main, append(args, "start"));
    ChildJvm.awaitLine(child, out, "READY", Duration.ofSeconds(120));
    child.destroyForcibly();
    child.waitFor();
  }

  /** Runs the program's resume in a fresh JVM; returns its RESULT line. */
  private String resume(List<Path> classpath, String main, String... args) throws Exception {
    Path out = dir.resolve("resume.out");
    Process child = ChildJvm.start(out, true, List.of(), classpath, main, append(args, "resume"));
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the resume finished");
    String text = Files.readString(out);
    assertEquals(0, child.exitValue(), text);
    return text.lines().filter(line -> line.startsWith("RESULT ")).findFirst().orElse(text);
  }

  private static String[] append(String[] args, String last) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = last;
    return all;
  }

  private static Path resource(String name) throws Exception {
    return Path.of(BuildLayoutTest.class.getClassLoader().getResource(name).toURI());
  }
}
