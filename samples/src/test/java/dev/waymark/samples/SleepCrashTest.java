package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.Storages;
import dev.waymark.test.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sleep survives a SIGKILL: the resumed workflow wakes at the stored time, not later. */
class SleepCrashTest {
  @TempDir Path dir;

  private static boolean started(Path storage) {
    if (!Files.isDirectory(storage)) {
      return false;
    }
    try (Storage store = Storages.open(storage)) {
      return store.readStatus("reminder") != null;
    }
  }

  @Test
  void aKilledSleepWakesAtItsStoredTime() throws Exception {
    Path storage = dir.resolve("storage");
    Process first =
        ChildJvm.start(dir.resolve("1.out"), SleepCrashProgram.class, storage.toString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!started(storage) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(1500); // inside the 3-second sleep
    first.destroyForcibly().waitFor();

    Process second =
        ChildJvm.start(dir.resolve("2.out"), SleepCrashProgram.class, storage.toString());
    assertTrue(second.waitFor(30, TimeUnit.SECONDS));
    String out = Files.readString(dir.resolve("2.out"));
    assertEquals(0, second.exitValue(), () -> out + "\nfirst run:\n" + read(dir.resolve("1.out")));
    String result = out.lines().filter(l -> l.startsWith("result=")).findFirst().orElseThrow();
    Instant woke = Instant.parse(result.substring("result=at ".length(), result.indexOf(": ")));
    long finished =
        Long.parseLong(
            out.lines()
                .filter(l -> l.startsWith("finishedAt="))
                .findFirst()
                .orElseThrow()
                .substring(11));
    assertTrue(finished >= woke.toEpochMilli(), "not woken early");
    assertTrue(
        finished - woke.toEpochMilli() < 2500,
        "woke at the stored time, not a full sleep after the restart: late by "
            + (finished - woke.toEpochMilli())
            + " ms");
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
