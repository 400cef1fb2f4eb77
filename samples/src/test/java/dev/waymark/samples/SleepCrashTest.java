package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.test.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sleep survives a SIGKILL: the resumed workflow wakes at the time the killed run stored, not a
 * whole sleep after the restart, and not before it.
 */
class SleepCrashTest {
  @TempDir Path dir;

  @Test
  void aKilledSleepWakesAtItsStoredTime() throws Exception {
    Path storage = dir.resolve("storage");
    Path firstOut = dir.resolve("1.out");
    Process first = ChildJvm.start(firstOut, SleepCrashProgram.class, storage.toString());
    // killed once the sleep stored its wake-up time, 5 s before it would wake
    String sleeping = ChildJvm.awaitLine(first, firstOut, "SLEEPING ", Duration.ofSeconds(120));
    assertEquals(137, ChildJvm.kill(first), "killed in the middle of its sleep");
    long stored = Long.parseLong(sleeping.substring("SLEEPING wake=".length()));

    Path secondOut = dir.resolve("2.out");
    Process second = ChildJvm.start(secondOut, SleepCrashProgram.class, storage.toString());
    assertTrue(second.waitFor(120, TimeUnit.SECONDS));
    String out = Files.readString(secondOut);
    assertEquals(0, second.exitValue(), () -> out + "\nfirst run:\n" + read(firstOut));
    assertFalse(out.contains("SLEEPING"), "the resumed run did not start a new sleep:\n" + out);
    String result = out.lines().filter(l -> l.startsWith("result=")).findFirst().orElseThrow();
    Instant woke = Instant.parse(result.substring("result=at ".length(), result.indexOf(": ")));
    assertEquals(stored, woke.toEpochMilli(), "woke at the time the killed run stored");
    long finished =
        Long.parseLong(
            out.lines()
                .filter(l -> l.startsWith("finishedAt="))
                .findFirst()
                .orElseThrow()
                .substring("finishedAt=".length()));
    assertTrue(
        finished >= stored, "not woken early: finished " + (stored - finished) + " ms early");
    assertTrue(result.endsWith("stand up"), result);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (Exception e) {
      return e.toString();
    }
  }
}
