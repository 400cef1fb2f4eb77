package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowInfo;
import dev.waymark.WorkflowStatus;
import dev.waymark.test.ChildJvm;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage under kills and misuse, from the public API: a second runtime in the same JVM, a kill in
 * the middle of making a map or copying the template map, a recovery cut short. Each ends with the
 * right result or a named exception, within a time limit: never a hang, never a second runner.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StorageIntegrityTest {
  @TempDir Path dir;

  private Path storage() {
    return dir.resolve("storage");
  }

  @Test
  void aSecondRuntimeInTheSameJvmNeitherFailsNorDropsTheFirstOnesLock() throws Exception {
    Path sync = Files.createDirectories(dir.resolve("sync"));
    SharedStorageProgram.sync = sync;
    try (Waymark first = Waymark.open(storage())) {
      CompletableFuture<Integer> run = first.runAsync(SharedStorageProgram.gated("w"), "w");
      awaitFile(sync.resolve("w.holding"));
      // A status check next to the main runtime, as a program may well do.
      try (Waymark second = Waymark.open(storage())) {
        for (int i = 0; i < 3; i++) {
          assertEquals(WorkflowStatus.RUNNING, second.getStatus("w"));
          assertEquals(List.of(new WorkflowInfo("w", WorkflowStatus.RUNNING)), second.list());
        }
      }
      // The lock is still the first runtime's: another JVM is refused the workflow.
      Path out = dir.resolve("intruder.out");
      Process intruder =
          ChildJvm.start(
              out,
              SharedStorageProgram.class,
              storage().toString(),
              sync.toString(),
              "intrude",
              "w");
      assertTrue(intruder.waitFor(120, TimeUnit.SECONDS));
      String text = Files.readString(out);
      assertEquals(0, intruder.exitValue(), "both the run and the resume were refused:\n" + text);
      assertTrue(text.contains("status=RUNNING"), text);
      Files.createFile(sync.resolve("w.release"));
      assertEquals(42, run.get(60, TimeUnit.SECONDS));
    }
    assertEquals(
        List.of("prepare", "hold"),
        Files.readAllLines(sync.resolve("w.log")),
        "each step ran once: no second runner");
  }

  @Test
  void aKillWhileTheTemplateMapIsCopiedLeavesNothingThatHangs() throws Exception {
    killAt("template-copy");
    assertEquals("RESULT " + DamageSteps.expected("w"), resume());
  }

  @Test
  void aKillWhileTheInFlightJournalIsMadeLeavesNothingRefused() throws Exception {
    killAt("journal-made");
    assertEquals("RESULT " + DamageSteps.expected("w"), resume());
  }

  @Test
  void aKillRightAfterAMapIsMadeLeavesNothingThatHangs() throws Exception {
    killAt("map-created");
    assertEquals("RESULT " + DamageSteps.expected("w"), resume());
  }

  @Test
  void aKillBeforeANewMapsOwnerRecordLeavesNothingThatHangsOrIsRefused() throws Exception {
    killAt("map-in-place");
    assertEquals("RESULT " + DamageSteps.expected("w"), resume());
  }

  @Test
  void aRecoveryCutShortIsFinishedWithoutWaiting() throws Exception {
    try (Waymark waymark = Waymark.open(storage())) {
      assertEquals(DamageSteps.expected("w"), waymark.run(DamageSteps.chain("w"), "w"));
    }
    // What a process killed while recovering the map leaves: the header marked not complete, and
    // no sign of a clean close. Chronicle alone would wait a minute for the mark.
    Path workflow = storage().resolve("workflows").resolve("w");
    Files.delete(workflow.resolve("maps.closed"));
    try (RandomAccessFile map =
        new RandomAccessFile(workflow.resolve("records-0.cmap").toFile(), "rw")) {
      map.seek(11); // the size word's last byte, little-endian: its top bit is "not complete"
      int last = map.read();
      map.seek(11);
      map.write(last | 0x80);
    }
    long start = System.nanoTime();
    try (Waymark waymark = Waymark.open(storage())) {
      assertEquals(DamageSteps.expected("w"), waymark.getOutput("w"));
    }
    assertTrue(
        System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30),
        "recovered without Chronicle's minute of waiting");
  }

  @Test
  void aNullConstantForAPrimitiveParameterIsRefusedWhenTheWorkflowIsBuilt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PipelineSteps.readData(Workflow.of((Integer) null)));
    assertTrue(e.getMessage().contains("is a int, which cannot be null"), e.getMessage());
    NullPointerException all =
        assertThrows(
            NullPointerException.class, () -> Workflow.all((List<Workflow<Integer>>) null));
    assertTrue(all.getMessage().contains("Workflow.all"), all.getMessage());
  }

  /** Runs the damage chain in a child JVM armed to stop at {@code point}, and kills it there. */
  private void killAt(String point) throws Exception {
    Path out = dir.resolve(point + ".out");
    Process child =
        ChildJvm.start(
            out,
            true,
            List.of("-Dwaymark.crashpoints=" + point),
            List.of(),
            DamageProgram.class.getName(),
            storage().toString(),
            "w",
            "run");
    ChildJvm.awaitLine(child, out, "CRASHPOINT " + point, Duration.ofSeconds(120));
    child.destroyForcibly();
    child.waitFor();
  }

  /** Resumes the chain in a fresh JVM, which must finish well within the test's time limit. */
  private String resume() throws Exception {
    Path out = dir.resolve("resume.out");
    Process child = ChildJvm.start(out, DamageProgram.class, storage().toString(), "w", "run");
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the next run finished");
    String text = Files.readString(out);
    assertEquals(0, child.exitValue(), text);
    return text.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElse(text);
  }

  private static void awaitFile(Path file) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(file)) {
      assertTrue(System.nanoTime() < deadline, "waited for " + file);
      Thread.sleep(5);
    }
  }
}
