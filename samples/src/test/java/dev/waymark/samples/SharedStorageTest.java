package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.WorkflowStatus;
import dev.waymark.test.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two JVMs on one storage directory: different workflows run side by side, the same workflow is
 * refused to the second JVM while the first runs it, and a JVM killed with SIGKILL leaves nothing
 * that holds up the next one.
 */
class SharedStorageTest {
  @TempDir Path dir;

  private final List<Process> children = new java.util.ArrayList<>();

  @AfterEach
  void killLeftovers() throws InterruptedException {
    for (Process child : children) {
      if (child.isAlive()) {
        child.destroyForcibly().waitFor();
      }
    }
  }

  private Path storage() {
    return dir.resolve("storage");
  }

  private Path sync() throws Exception {
    return Files.createDirectories(dir.resolve("sync"));
  }

  private Process start(String name, String... args) throws Exception {
    String[] all = new String[args.length + 2];
    all[0] = storage().toString();
    all[1] = sync().toString();
    System.arraycopy(args, 0, all, 2, args.length);
    Process child = ChildJvm.start(dir.resolve(name + ".out"), SharedStorageProgram.class, all);
    children.add(child);
    return child;
  }

  @Test
  void twoJvmsRunTwoWorkflowsOnOneStorageAtTheSameTime() throws Exception {
    // Each one's step waits inside until the other's has started: they overlap for certain.
    Process a = start("a", "meet", "wf-a", "a", "b");
    Process b = start("b", "meet", "wf-b", "b", "a");
    assertFinishes(a, "a");
    assertFinishes(b, "b");
    assertTrue(output("a").contains("result=A MET B!"), output("a"));
    assertTrue(output("b").contains("result=B MET A!"), output("b"));
    try (Waymark waymark = Waymark.open(storage())) {
      assertEquals(WorkflowStatus.SUCCESSFUL, waymark.getStatus("wf-a"));
      assertEquals(WorkflowStatus.SUCCESSFUL, waymark.getStatus("wf-b"));
      assertEquals("A MET B!", waymark.getOutput("wf-a"));
      assertEquals("B MET A!", waymark.getOutput("wf-b"));
      assertEquals("a met b", waymark.getOutput("wf-a", "meet"));
    }
  }

  @Test
  void aSecondJvmIsRefusedAWorkflowTheFirstIsRunningAndTheFirstStillCompletes() throws Exception {
    Process first = start("first", "run", "w");
    awaitFile(sync().resolve("w.holding"), first, "first");

    Process second = start("second", "intrude", "w");
    assertFinishes(second, "second");
    String out = output("second");
    // Both refusals name the workflow and say where it runs.
    for (String refusal : List.of("refused run: ", "refused resume: ")) {
      String line =
          out.lines().filter(l -> l.startsWith(refusal)).findFirst().orElseThrow(() -> error(out));
      assertTrue(line.contains("'w'") && line.contains("another process"), line);
    }
    assertTrue(out.contains("status=RUNNING"), out);

    assertTrue(first.isAlive(), "the first JVM still runs w");
    Files.createFile(sync().resolve("w.release"));
    assertFinishes(first, "first");
    assertTrue(output("first").contains("result=42"), output("first"));
    assertEquals(List.of("prepare", "hold"), Files.readAllLines(sync().resolve("w.log")));
    try (Waymark waymark = Waymark.open(storage())) {
      assertEquals(WorkflowStatus.SUCCESSFUL, waymark.getStatus("w"));
      assertEquals(42, (Integer) waymark.getOutput("w"));
    }
  }

  /**
   * The killed JVM was saving checkpoints into the workflow's Chronicle Map without pause, so the
   * kill lands inside a map write (and its segment lock) as often as not; the delay after the step
   * says it is under way varies where.
   */
  @ParameterizedTest(name = "killed {0} ms into the step''s writes")
  @ValueSource(ints = {0, 13, 41})
  void aJvmKilledWhileRunningLeavesNoLockThatHoldsUpTheNext(int delayMillis) throws Exception {
    Process first = start("first", "churn", "w");
    awaitFile(sync().resolve("w.holding"), first, "first");
    Thread.sleep(delayMillis);
    first.destroyForcibly(); // SIGKILL, inside the step, with the workflow claimed
    first.waitFor();
    assertEquals(137, first.exitValue(), "killed by SIGKILL");

    Files.createFile(sync().resolve("w.release"));
    long start = System.nanoTime();
    Process second = start("second", "resume", "w");
    // Chronicle Map waits 60 s for a lock a dead process left; a new JVM must not.
    assertTrue(
        second.waitFor(20, TimeUnit.SECONDS),
        () -> "the resume waited on something the killed JVM left: " + output("second"));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertEquals(0, second.exitValue(), output("second"));
    assertTrue(output("second").contains("result=42"), output("second"));
    // prepare had committed before the kill and did not run again; churn ran again, from a state
    // at least as new as the 100th save, which had returned before the kill (a kill inside a save
    // tears at most the record being written; the one before it is whole).
    List<String> log = Files.readAllLines(sync().resolve("w.log"));
    assertEquals(3, log.size(), log.toString());
    assertEquals(List.of("prepare", "churn from 0"), log.subList(0, 2));
    assertTrue(log.get(2).startsWith("churn from "), log.toString());
    int resumedFrom = Integer.parseInt(log.get(2).substring("churn from ".length()));
    assertTrue(resumedFrom >= 100, "resumed from a state saved before the kill: " + log);
    try (Waymark waymark = Waymark.open(storage())) {
      assertEquals(WorkflowStatus.SUCCESSFUL, waymark.getStatus("w"));
      assertEquals(42, (Integer) waymark.getOutput("w"));
    }
    System.out.println(
        "killed after "
            + delayMillis
            + " ms: resumed from save "
            + resumedFrom
            + " in a new JVM, done in "
            + millis
            + " ms");
  }

  private static AssertionError error(String message) {
    return new AssertionError(message);
  }

  private void assertFinishes(Process child, String name) throws Exception {
    assertTrue(
        child.waitFor(90, TimeUnit.SECONDS), () -> name + " did not finish: " + output(name));
    assertEquals(0, child.exitValue(), () -> output(name));
  }

  private void awaitFile(Path file, Process child, String name) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(file)) {
      assertTrue(child.isAlive(), () -> name + " ended early: " + output(name));
      assertTrue(System.nanoTime() < deadline, () -> name + " too slow: " + output(name));
      Thread.sleep(5);
    }
  }

  private String output(String name) {
    try {
      return Files.readString(dir.resolve(name + ".out"));
    } catch (Exception e) {
      return "(no output: " + e + ")";
    }
  }
}
