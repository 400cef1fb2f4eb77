package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.test.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's demo: the first run kills its own JVM, the second resumes it. */
class CrashDemoTest {
  @TempDir Path dir;

  @Test
  void firstRunKillsItselfSecondRunResumes() throws Exception {
    String storage = "-D" + dev.waymark.Waymark.STORAGE_PROPERTY + "=" + dir.resolve("storage");
    Process first =
        ChildJvm.start(dir.resolve("1.out"), java.util.List.of(storage), Main.class, "crash-demo");
    assertTrue(first.waitFor(60, TimeUnit.SECONDS));
    String out1 = Files.readString(dir.resolve("1.out"));
    assertEquals(137, first.exitValue(), out1);
    assertTrue(out1.contains("simulating a crash"), out1);

    Process second =
        ChildJvm.start(dir.resolve("2.out"), java.util.List.of(storage), Main.class, "crash-demo");
    assertTrue(second.waitFor(60, TimeUnit.SECONDS));
    String out2 = Files.readString(dir.resolve("2.out"));
    assertEquals(0, second.exitValue(), out2);
    assertTrue(out2.contains("result: 385"), out2);
    assertTrue(out2.contains("steps executed in this JVM:      [6, 7, 8, 9, 10]"), out2);
    assertTrue(out2.contains("steps restored from checkpoints: [1, 2, 3, 4, 5]"), out2);
  }
}
