package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.test.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A storage in segments killed at its delicate moments, in real child JVMs: after a log record is
 * written but before it is counted, right after a map is made, while a dead owner's segment is
 * taken over, and while a storage written as a directory per workflow is moved into segments. The
 * next run finishes with the right result, and no committed step runs again.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SegmentCrashPointsTest {
  private static final String EXPECTED = "RESULT " + DamageSteps.expected("w");

  @TempDir Path dir;

  private Path storage() {
    return dir.resolve("storage");
  }

  @Test
  void aKillBetweenALogRecordAndItsCountResumes() throws Exception {
    killAt("log-appended", List.of(), "run");
    assertEquals(EXPECTED, finish().result);
  }

  @Test
  void aKillRightAfterASegmentMapIsMadeResumes() throws Exception {
    killAt("segment-map-made", List.of(), "run");
    assertEquals(EXPECTED, finish().result);
  }

  @Test
  void aKillWhileADeadOwnersSegmentIsTakenOverIsTakenOverAgain() throws Exception {
    killHolding(3, List.of()); // steps 0 to 2 committed
    killAt("segment-taken-over", List.of(), "resume");
    Finished finished = finish();
    assertEquals(EXPECTED, finished.result);
    assertEquals(List.of(0, 0, 0), finished.runs.subList(0, 3), "committed steps ran again");
  }

  @Test
  void aKillWhileAStorageIsMovedIntoSegmentsLosesNothing() throws Exception {
    List<String> former = List.of("-Dwaymark.storage.layout=directories");
    Process other = start("other.out", former, "other", "run");
    assertTrue(other.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, other.exitValue(), Files.readString(dir.resolve("other.out")));
    killHolding(3, former);
    assertTrue(Files.isDirectory(storage().resolve("workflows/w")));

    killAt("migration-copied", List.of(), "resume");
    assertTrue(Files.isDirectory(storage().resolve("workflows/w")), "not committed: as it was");
    assertFalse(Files.exists(storage().resolve("segments")));

    killAt("migration-committed", List.of(), "resume");
    assertTrue(Files.isDirectory(storage().resolve("segments")), "committed");

    Finished finished = finish();
    assertEquals(EXPECTED, finished.result);
    assertEquals(List.of(0, 0, 0), finished.runs.subList(0, 3), "committed steps ran again");
    assertFalse(Files.exists(storage().resolve("workflows")), "the former directories are gone");
    assertFalse(Files.exists(storage().resolve("migrating")));
    try (Waymark waymark = Waymark.open(storage())) {
      assertEquals(DamageSteps.expected("other"), waymark.getOutput("other"));
    }
  }

  private Process start(String output, List<String> jvmArgs, String id, String mode)
      throws Exception {
    return ChildJvm.start(
        dir.resolve(output),
        true,
        jvmArgs,
        List.of(),
        DamageProgram.class.getName(),
        storage().toString(),
        id,
        mode);
  }

  /** Runs (or resumes) workflow w in a child armed to stop at {@code point}; kills it there. */
  private void killAt(String point, List<String> jvmArgs, String mode) throws Exception {
    List<String> args = new ArrayList<>(jvmArgs);
    args.add("-Dwaymark.crashpoints=" + point);
    Process child = start(point + ".out", args, "w", mode);
    ChildJvm.awaitLine(
        child, dir.resolve(point + ".out"), "CRASHPOINT " + point, Duration.ofSeconds(120));
    child.destroyForcibly();
    child.waitFor();
  }

  /** Runs workflow w in a child that holds step {@code step}; kills it there. */
  private void killHolding(int step, List<String> jvmArgs) throws Exception {
    List<String> args = new ArrayList<>(jvmArgs);
    args.add("-Ddamage.holdAt=" + step);
    Process child = start("held.out", args, "w", "run");
    ChildJvm.awaitLine(child, dir.resolve("held.out"), "HELD " + step, Duration.ofSeconds(120));
    child.destroyForcibly();
    child.waitFor();
  }

  private record Finished(String result, List<Integer> runs) {}

  /** Runs workflow w again (resuming it) in a fresh JVM, which must finish; its result and runs. */
  private Finished finish() throws Exception {
    Process child = start("finish.out", List.of(), "w", "run");
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the next run finished");
    String text = Files.readString(dir.resolve("finish.out"));
    assertEquals(0, child.exitValue(), text);
    String result = text.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElse(text);
    String runs = text.lines().filter(l -> l.startsWith("RUNS [")).findFirst().orElse("RUNS []");
    List<Integer> counts = new ArrayList<>();
    for (String n : runs.substring(6, runs.length() - 1).split(", ")) {
      counts.add(n.isEmpty() ? -1 : Integer.parseInt(n));
    }
    return new Finished(result, counts);
  }
}
