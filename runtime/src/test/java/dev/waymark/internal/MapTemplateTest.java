package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** New workflows' first maps are copies of one empty template map; a bad template is replaced. */
class MapTemplateTest {
  @TempDir Path dir;

  /**
   * The template of a workflow's first records map (2,048 entries): its name carries the format
   * version, the entries and its CRC-32C.
   */
  private Path template() throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = Files.list(dir.resolve("templates"))) {
      return files
          .filter(f -> f.getFileName().toString().matches("map-v\\d+-2048-.*"))
          .findFirst()
          .orElse(dir.resolve("templates").resolve("(none).cmap"));
    }
  }

  @Test
  void workflowsStartFromACopyOfTheTemplateAndReadBackAfterReopen() throws Exception {
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(3, waymark.run(TestSteps.inc(TestSteps.inc(Workflow.of(1))), "a"));
      assertEquals(5, waymark.run(TestSteps.inc(TestSteps.inc(Workflow.of(3))), "b"));
    }
    assertTrue(Files.exists(template()), "the template was made once");
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(3, (Integer) waymark.getOutput("a"));
      assertEquals(4, (Integer) waymark.getOutput("b", "inc"));
    }
  }

  @Test
  void aDamagedTemplateIsReplacedAndTheWorkflowStillRuns() throws Exception {
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(2, waymark.run(TestSteps.inc(Workflow.of(1)), "first"));
    }
    Path template = template();
    byte[] good = Files.readAllBytes(template);
    byte[] noise = new byte[good.length];
    new Random(3).nextBytes(noise);
    Files.write(template, noise);
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(3, waymark.run(TestSteps.inc(Workflow.of(2)), "second"));
      assertEquals(4, waymark.run(TestSteps.inc(Workflow.of(3)), "third"));
    }
    assertArrayEquals(good, Files.readAllBytes(template()), "a fresh empty map replaced it");
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(3, (Integer) waymark.getOutput("second"));
      assertEquals(4, (Integer) waymark.getOutput("third"));
    }
  }
}
