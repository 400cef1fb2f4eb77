package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.test.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress sample in a child JVM (no terminal: plain lines), killed and resumed. */
class ProgressTest {
  @TempDir Path dir;

  @Test
  void theBarCountsEveryStepAndAResumeStartsWhereItStopped() throws Exception {
    Path storage = dir.resolve("storage");
    Path first = dir.resolve("first.log");
    Process child =
        ChildJvm.start(
            first,
            java.util.List.of(ChildJvm.crashAfterCommit("work_9")),
            Progress.class,
            storage.toString());
    ChildJvm.awaitLine(child, first, ChildJvm.CRASH_LINE, Duration.ofSeconds(120));
    ChildJvm.kill(child);

    Path second = dir.resolve("second.log");
    Process resumed = ChildJvm.start(second, Progress.class, storage.toString());
    assertTrue(resumed.waitFor(120, TimeUnit.SECONDS));
    String out = Files.readString(second);
    assertEquals(0, resumed.exitValue(), out);
    assertTrue(out.contains("done: 40"), out);
    // The bar starts at the 10 steps committed before the kill and ends at all 40.
    assertTrue(out.lines().anyMatch(l -> l.contains(" 10/40 ")), out);
    assertTrue(out.lines().anyMatch(l -> l.startsWith("batch 100%") && l.contains(" 40/40 ")), out);
    assertTrue(out.lines().noneMatch(l -> l.contains(" 0/40 ")), "no restart from 0: " + out);
  }
}
