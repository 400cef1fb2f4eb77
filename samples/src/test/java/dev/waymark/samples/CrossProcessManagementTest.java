package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowStoppedException;
import dev.waymark.test.ChildJvm;
import dev.waymark.test.TestWaymark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Management across processes: a crash keeps the running/pending split; cancel from outside. */
class CrossProcessManagementTest {
  @TempDir Path dir;

  @Test
  void resumeAllAfterACrashResumesTheRunningOneBeforeThePendingOne() throws Exception {
    Path storage = dir.resolve("storage");
    Process child =
        ChildJvm.start(dir.resolve("queue.out"), QueueProgram.class, storage.toString(), "queue");
    Path log = dir.resolve("chain.log");
    while (!Files.exists(log) || Files.readAllLines(log).size() < 3) {
      assertTrue(child.isAlive(), () -> read(dir.resolve("queue.out")));
      Thread.sleep(10);
    }
    child.destroyForcibly().waitFor();
    CrashChain.log = log; // the resumed steps run in this JVM
    try (Waymark waymark = Waymark.open(storage)) {
      assertEquals(WorkflowStatus.RESUMABLE, waymark.getStatus("b-running"));
      assertEquals(WorkflowStatus.RESUMABLE, waymark.getStatus("a-pending"));
      Map<String, CompletableFuture<Object>> resumed = waymark.resumeAll(false);
      assertEquals(List.of("b-running", "a-pending"), List.copyOf(resumed.keySet()));
      for (CompletableFuture<Object> run : resumed.values()) {
        assertEquals(1225, run.get(60, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void cancelReachesAWorkflowRunningInAnotherProcess() throws Exception {
    Path storage = dir.resolve("storage");
    Process child =
        ChildJvm.start(dir.resolve("long.out"), QueueProgram.class, storage.toString(), "long");
    Path log = dir.resolve("chain.log");
    while (!Files.exists(log)) {
      assertTrue(child.isAlive(), () -> read(dir.resolve("long.out")));
      Thread.sleep(10);
    }
    try (Waymark waymark = Waymark.open(storage)) {
      assertEquals(WorkflowStatus.RUNNING, waymark.getStatus("long"));
      waymark.cancel("long");
      assertEquals(WorkflowStatus.CANCELED, waymark.getStatus("long"));
    }
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    String out = read(dir.resolve("long.out"));
    assertTrue(out.contains("canceled: workflow 'long' was canceled"), out);
    assertTrue(Files.readAllLines(log).size() < 50, "it stopped before the end of the chain");
  }

  @Test
  void aCancelThatTheOwnerRecordsIsStampedWithTheOwnersClock() throws Exception {
    // segments have owners; the former layout, which cannot take an injected crash, has none
    org.junit.jupiter.api.Assumptions.assumeFalse(
        "directories".equals(System.getProperty("waymark.storage.layout")));
    Path storage = dir.resolve("storage");
    try (TestWaymark kit = new TestWaymark(storage, builder -> {})) {
      kit.crashAfterCommit("charge"); // leaves o-1 RESUMABLE in a dead runtime's segment
      assertThrows(
          WorkflowStoppedException.class, () -> kit.waymark().run(Orders.order("o-1"), "o-1"));
    }
    String ownersTime = "2031-06-01T00:00:00Z";
    Path log = dir.resolve("owner.log");
    Process owner = ChildJvm.start(log, ClockedOwnerProgram.class, storage.toString(), ownersTime);
    try {
      ChildJvm.awaitLine(owner, log, "OWNING", Duration.ofSeconds(120));
      try (Waymark waymark = Waymark.open(storage)) {
        waymark.cancel("o-1"); // o-1's segment is the owner's now: the owner records the cancel
        assertEquals(WorkflowStatus.CANCELED, waymark.getStatus("o-1"));
        assertEquals(Instant.parse(ownersTime), waymark.getMetadata("o-1").end());
      }
    } finally {
      ChildJvm.kill(owner);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (Exception e) {
      return e.toString();
    }
  }
}
