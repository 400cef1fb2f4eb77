package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A workflow has no user-visible capacity: full maps roll over, long chains just work. */
class CapacityTest {
  @TempDir Path dir;

  @Test
  void outputsLargerThanTheMapWasSizedForRollOverToNewMaps() throws Exception {
    List<Workflow<byte[]>> parts = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      parts.add(TestSteps.bytes(3000 + i % 7));
    }
    try (Waymark waymark = Waymark.open(dir)) {
      List<byte[]> out = waymark.run(Workflow.all(parts), "wide");
      assertEquals(3000, out.size());
      assertEquals(3006, out.get(6).length);
    }
    assertTrue(maps("wide", "records") > 1, "a roll-over to a second records map");
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(3000 + 2997 % 7, ((byte[]) waymark.getOutput("wide", "bytes_2997")).length);
    }
  }

  @Test
  void recordsThatAreKeptApartRollOverToo() throws Exception {
    // Each durable sleep keeps its wake-up time: 10,000 of them outgrow a first scratch map.
    List<Workflow<java.time.Instant>> sleeps = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      sleeps.add(
          Workflow.sleep(java.time.Duration.ZERO)
              .options(dev.waymark.StepOptions.builder().taskId("nap" + i).build()));
    }
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(10_000, waymark.run(Workflow.all(sleeps), "naps").size());
    }
    assertTrue(maps("naps", "scratch") > 1, "a roll-over to a second scratch map");
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(10_000, ((List<?>) waymark.getOutput("naps")).size());
    }
  }

  private long maps(String workflow, String kind) throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve("workflows").resolve(workflow))) {
      return files.filter(p -> p.getFileName().toString().startsWith(kind + "-")).count();
    }
  }

  @Test
  void aMillionStepChainCompletesWithCheckpoints() {
    int steps = 1_000_000;
    Workflow<Integer> chain = Workflow.of(0);
    for (int i = 0; i < steps; i++) {
      chain = TestSteps.inc(chain);
    }
    try (Waymark waymark = Waymark.open(dir)) {
      long start = System.nanoTime();
      assertEquals(steps, waymark.run(chain, "million"));
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.printf(
          "1,000,000-step checkpointed chain: %d ms (DAG recording included)%n", millis);
      assertEquals(500_001, (Integer) waymark.getOutput("million", "inc_500000"));
    }
  }
}
