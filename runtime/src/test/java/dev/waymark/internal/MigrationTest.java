package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.StepOptions;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.StorageException;
import dev.waymark.internal.storage.Failures;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.Storages;
import dev.waymark.internal.storage.WorkflowStore;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A storage written as a directory per workflow (the former layout) is moved into segments when a
 * runtime opens it: every kind of record reads the same afterwards, and a storage that cannot be
 * moved whole is left as it was, with the reason named.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MigrationTest {
  @TempDir Path dir;

  /** Runs {@code action} with new storages made as a directory per workflow. */
  private static <T> T inDirectories(Supplier<T> action) {
    String before = System.getProperty(Storages.LAYOUT_PROPERTY);
    System.setProperty(Storages.LAYOUT_PROPERTY, "directories");
    try {
      return action.get();
    } finally {
      if (before == null) {
        System.clearProperty(Storages.LAYOUT_PROPERTY);
      } else {
        System.setProperty(Storages.LAYOUT_PROPERTY, before);
      }
    }
  }

  private static Waymark open(Path storage) {
    return Waymark.builder().storage(storage).stopGracePeriod(Duration.ZERO).build();
  }

  private Map<Long, Failures> failedAttempts(String workflowId) {
    try (Storage storage = Storages.open(dir);
        WorkflowStore claim = storage.claim(workflowId, false)) {
      return claim.attempts().readFailed();
    }
  }

  @Test
  void everyKindOfRecordIsMovedAndReadsTheSame() throws Exception {
    byte[] large;
    Map<Long, Failures> failedBefore;
    inDirectories(
        () -> {
          try (Waymark waymark = open(dir)) {
            waymark.run(TestSteps.inc(TestSteps.inc(Workflow.of(1))), "done");
            waymark.run(TestSteps.bytes(64 * 1024), "large");
            assertThrows(
                RuntimeException.class,
                () ->
                    waymark.run(
                        TestSteps.flaky(5)
                            .options(
                                StepOptions.builder().maxRetries(2).retryExceptions(true).build()),
                        "failed"));
            // Stopped while it waits: RESUMABLE, with the event it waits for recorded.
            waymark.runAsync(TestSteps.inc(Workflow.waitForEvent("go", Integer.class)), "waits");
            waymark.runAsync(TestSteps.inc(Workflow.waitForEvent("go", Integer.class)), "dropped");
            awaitExpectation("waits");
            awaitExpectation("dropped");
          }
          try (Waymark waymark = open(dir)) {
            waymark.sendEvent("waits", "go", 41); // left for the next run
          }
          return null;
        });
    assertTrue(Files.isDirectory(dir.resolve("workflows")));
    try (Waymark waymark = inDirectories(() -> open(dir))) {
      large = waymark.getOutput("large");
    }
    failedBefore = inDirectories(() -> failedAttempts("failed"));
    assertFalse(failedBefore.isEmpty());
    // A cancel that no run took: the run that would have taken it ends the workflow CANCELED.
    Files.write(dir.resolve("workflows/dropped/cancel.request"), new byte[0]);

    try (Waymark waymark = open(dir)) {
      assertFalse(Files.exists(dir.resolve("workflows")), "the old directories are gone");
      assertTrue(Files.isDirectory(dir.resolve("segments")));
      assertEquals(3, Files.readAllBytes(dir.resolve("format.bin"))[7], "format 3: segments");
      assertEquals(
          List.of(
              info("done", WorkflowStatus.SUCCESSFUL),
              info("dropped", WorkflowStatus.CANCELED),
              info("failed", WorkflowStatus.FAILED),
              info("large", WorkflowStatus.SUCCESSFUL),
              info("waits", WorkflowStatus.RESUMABLE)),
          waymark.list());
      assertEquals(3, (Integer) waymark.getOutput("done"));
      assertArrayEquals(large, waymark.getOutput("large"));
      int before = TestSteps.runs("inc");
      assertEquals(
          42,
          waymark.<Integer>resumeAsync("waits").get(30, TimeUnit.SECONDS),
          "the event sent before the move");
      assertEquals(before + 1, TestSteps.runs("inc"), "only the step after the wait ran");
    }
    assertEquals(failedBefore, failedAttempts("failed"));
  }

  private static dev.waymark.WorkflowInfo info(String id, WorkflowStatus status) {
    return new dev.waymark.WorkflowInfo(id, status);
  }

  private void awaitExpectation(String workflowId) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!StoredFiles.expectationPresent(dir, workflowId, "go")) {
      assertTrue(System.nanoTime() < deadline, "the wait recorded what it expects");
      Thread.onSpinWait();
    }
  }

  @Test
  void damageFoundOnTheWayIsNamedAndTheStorageIsLeftAsItWas() throws Exception {
    inDirectories(
        () -> {
          try (Waymark waymark = open(dir)) {
            waymark.run(TestSteps.inc(Workflow.of(1)), "kept");
            waymark.run(TestSteps.inc(Workflow.of(2)), "damaged");
          }
          return null;
        });
    Path status = dir.resolve("workflows/damaged/status.bin");
    try (RandomAccessFile file = new RandomAccessFile(status.toFile(), "rw")) {
      file.seek(file.length() - 1);
      int b = file.read();
      file.seek(file.length() - 1);
      file.write(~b);
    }
    StorageException e = assertThrows(StorageException.class, () -> open(dir));
    assertTrue(e.getMessage().contains(status.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("left as it was"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("segments")));
    assertFalse(Files.exists(dir.resolve("migrating")));
    // What the message says: fix it in the former layout, then open again.
    inDirectories(
        () -> {
          try (Waymark waymark = open(dir)) {
            waymark.delete("damaged");
          }
          return null;
        });
    try (Waymark waymark = open(dir)) {
      assertEquals(2, (Integer) waymark.getOutput("kept"));
      assertTrue(Files.isDirectory(dir.resolve("segments")));
    }
  }

  @Test
  void aWorkflowRunningElsewhereStopsTheMoveUntilItEnds() throws Exception {
    CompletableFuture<Integer> run;
    try (Waymark old = inDirectories(() -> open(dir))) {
      run = old.runAsync(TestSteps.inc(Workflow.waitForEvent("go", Integer.class)), "busy");
      inDirectories(
          () -> {
            awaitExpectation("busy");
            return null;
          });
      StorageException e = assertThrows(StorageException.class, () -> open(dir));
      assertTrue(e.getMessage().contains("'busy'"), e.getMessage());
      assertFalse(Files.exists(dir.resolve("segments")));
      old.sendEvent("busy", "go", 1);
      assertEquals(2, run.get(30, TimeUnit.SECONDS));
    }
    try (Waymark waymark = open(dir)) {
      assertEquals(2, (Integer) waymark.getOutput("busy"));
    }
  }
}
