package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.test.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM killed inside a continuation's DAG resumes inside it, not from the top. */
class ContinuationCrashTest {
  @TempDir Path dir;

  private String runUntilDone(String program) throws Exception {
    for (int launch = 1; launch <= 3; launch++) {
      Path out = dir.resolve("launch-" + launch + ".out");
      Process child = ChildJvm.start(out, ContinuationCrashSteps.class, dir.toString(), program);
      assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child finished");
      if (child.exitValue() == 0) {
        return Files.readString(out);
      }
      assertEquals(137, child.exitValue(), Files.readString(out));
    }
    throw new AssertionError("did not finish in 3 launches");
  }

  private List<String> executions() throws Exception {
    return Files.readAllLines(dir.resolve("executions.log"));
  }

  @Test
  void aKillInsideBookTripResumesInsideIt() throws Exception {
    Files.createFile(dir.resolve("crash-in-bookHotel"));
    String out = runUntilDone("trip");
    assertTrue(out.contains("result=["), out);
    List<String> runs = executions();
    assertEquals(
        1, runs.stream().filter("bookTrip"::equals).count(), "book_trip ran once: " + runs);
    assertEquals(2, runs.stream().filter("bookHotel"::equals).count(), "killed once, then done");
    assertEquals(1, runs.stream().filter("finalizeTrip"::equals).count());
    // Each flight ran once if it committed before the kill, at most twice otherwise; the booking
    // service saw every booking once whatever ran twice.
    assertTrue(runs.stream().filter(r -> r.startsWith("bookFlight")).count() <= 4, runs.toString());
    assertEquals(3, BookingService.bookings(dir.resolve("ledger.txt")).size());
  }

  @Test
  void aDiamondInsideAContinuationResumesWithoutRerunningTheFinishedBranch() throws Exception {
    // right kills the JVM while left sleeps: top committed, left and right did not.
    Files.createFile(dir.resolve("crash-in-right"));
    String out = runUntilDone("diamond");
    assertTrue(out.contains("result=seed>top>left|seed>top>right"), out);
    List<String> runs = executions();
    assertEquals(1, runs.stream().filter("diamond"::equals).count(), runs.toString());
    assertEquals(1, runs.stream().filter("top"::equals).count(), runs.toString());
    assertEquals(2, runs.stream().filter("right"::equals).count(), runs.toString());
    assertEquals(1, runs.stream().filter("join"::equals).count(), runs.toString());
  }

  @Test
  void aBranchThatCommittedBeforeTheKillIsNotRunAgain() throws Exception {
    // Kill in join: top, left and right all committed before it.
    Files.createFile(dir.resolve("crash-in-join"));
    String out = runUntilDone("diamond");
    assertTrue(out.contains("result=seed>top>left|seed>top>right"), out);
    List<String> runs = executions();
    assertEquals(
        List.of("diamond", "top", "left", "right", "join", "join"),
        runs.stream()
            .sorted(
                java.util.Comparator.comparing(
                    List.of("diamond", "top", "left", "right", "join")::indexOf))
            .toList(),
        runs.toString());
  }
}
