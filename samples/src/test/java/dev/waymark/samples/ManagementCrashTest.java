package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.Storages;
import dev.waymark.test.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training and approval samples across processes and SIGKILL. */
class ManagementCrashTest {
  @TempDir Path dir;

  private Process child(String name, String program) throws Exception {
    return ChildJvm.start(
        dir.resolve(name + ".out"),
        ManagementPrograms.class,
        dir.resolve("storage").toString(),
        program);
  }

  private String finish(Process process, String name) throws Exception {
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), name + " finished");
    String out = Files.readString(dir.resolve(name + ".out"));
    assertEquals(0, process.exitValue(), out);
    return out;
  }

  @Test
  void aTrainingKilledMidRunResumesFromItsLastEpoch() throws Exception {
    Process first = child("first", "train");
    ChildJvm.awaitLine(first, dir.resolve("first.out"), "  epoch 10 saved", Duration.ofSeconds(60));
    first.destroyForcibly().waitFor(); // killed after a durable save, somewhere in epochs 11-100
    String out = finish(child("second", "train"), "second");
    assertTrue(out.contains("resuming at epoch"), out);
    int resumedAt =
        Integer.parseInt(out.substring(out.indexOf("resuming at epoch ") + 18).split(" ")[0]);
    assertTrue(resumedAt >= 10 && resumedAt < 100, "resumed at epoch " + resumedAt);
    assertTrue(out.contains("result=2.656139888758"), out); // 0.9^100
  }

  /** Whether the child's wait recorded the event it expects: it waits for it now. */
  private boolean waitsForApproval() {
    try (Storage storage = Storages.open(dir.resolve("storage"))) {
      return storage.readEventExpectation("approval", "approval") != null;
    }
  }

  @Test
  void anApprovalSentFromAnotherProcessIsReceivedOnceAcrossAKill() throws Exception {
    Process first = child("first", "approval");
    while (!waitsForApproval()) {
      assertTrue(first.isAlive(), "first child runs");
      Thread.sleep(10);
    }
    first.destroyForcibly().waitFor(); // killed while waiting: nothing stored yet
    try (Waymark sender = Waymark.open(dir.resolve("storage"))) {
      sender.sendEvent("approval", "approval", "yes");
    }
    String out = finish(child("second", "approval"), "second");
    assertTrue(out.contains("result=published report.pdf"), out);
    try (Waymark reader = Waymark.open(dir.resolve("storage"))) {
      assertEquals("yes", reader.getOutput("approval", "event"));
    }
  }
}
