package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Output;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.CheckpointCorruptedException;
import dev.waymark.exceptions.StorageException;
import dev.waymark.exceptions.WorkflowException;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.Storages;
import dev.waymark.internal.storage.TaskKeys;
import dev.waymark.internal.storage.WorkflowStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage faults met while a workflow runs: each is a specific exception naming the file and the
 * task, the workflow stays resumable with the reason recorded, and no wrong value is ever used.
 */
class StorageFaultTest {
  @TempDir Path dir;

  private static Workflow<Integer> chain(int steps) {
    Workflow<Integer> x = Workflow.of(0);
    for (int i = 0; i < steps; i++) {
      x = TestSteps.inc(x);
    }
    return x;
  }

  /** The real store; from the {@code failAt}-th record on, writes fail as on a full device. */
  private static final class FullDevice extends ForwardingStore {
    final AtomicInteger writes = new AtomicInteger();
    volatile int failAt = Integer.MAX_VALUE;

    FullDevice(Storage store) {
      super(store);
    }

    @Override
    WorkflowStore wrap(WorkflowStore claim) {
      return new ForwardingWorkflow(claim) {
        @Override
        public Values values() {
          return new ForwardingValues(claim.values()) {
            @Override
            public void write(
                long key, long startMillis, long endMillis, byte[] bytes, int offset, int length) {
              if (writes.incrementAndGet() >= failAt) {
                Path map = Path.of(claim.location()).resolve("records-0.cmap");
                throw new StorageException(
                    "cannot store the record of task #" + key + " in " + map + ": No space left",
                    new java.io.IOException("No space left on device"));
              }
              super.write(key, startMillis, endMillis, bytes, offset, length);
            }
          };
        }
      };
    }
  }

  @Test
  void aFullDeviceFailsTheCommitCleanlyAndTheWorkflowResumesOnceThereIsSpace() {
    int before = TestSteps.runs("inc");
    FullDevice store = new FullDevice(Storages.open(dir));
    store.failAt = 6; // the sixth output cannot be stored
    try (Engine engine = new Engine(store, EngineSettings.of(2))) {
      CompletionException thrown =
          assertThrows(
              CompletionException.class,
              () -> engine.run((Node<?>) chain(10), "full", Map.of(), true).join());
      StorageException e = (StorageException) thrown.getCause();
      assertTrue(e.getMessage().contains("task 'inc_5'"), e.getMessage());
      assertTrue(e.getMessage().contains("records-0.cmap"), e.getMessage());
      assertEquals(WorkflowStatus.RESUMABLE, engine.queries().status("full"));
      WorkflowException why =
          assertThrows(WorkflowException.class, () -> engine.queries().output("full"));
      assertTrue(why.getMessage().contains("No space left"), "the reason is kept: " + why);
      assertEquals(6, TestSteps.runs("inc") - before, "nothing ran after the failed commit");

      store.failAt = Integer.MAX_VALUE; // space was freed
      assertEquals(10, engine.resume("full", true).join());
    }
    assertEquals(11, TestSteps.runs("inc") - before, "only the step whose commit failed ran again");
  }

  private long outputKeyOfFirstStep() {
    return TaskKeys.store(TaskKeys.OUTPUT, 0);
  }

  /** Runs inc(inc(1)), then forgets the second output, so a resume must read the first. */
  private void storeTwoStepsAndForgetTheSecond(String id) {
    try (Waymark waymark = Waymark.open(dir)) {
      assertEquals(3, (Integer) waymark.run(TestSteps.inc(TestSteps.inc(Workflow.of(1))), id));
    }
    try (Storage store = Storages.open(dir);
        WorkflowStore claim = store.claim(id, false)) {
      assertTrue(claim.values().contains(outputKeyOfFirstStep()), "the first inc is task 0");
      claim.values().delete(TaskKeys.store(TaskKeys.OUTPUT, 1));
      claim.status().write(claim.status().read().next(WorkflowStatus.RUNNING, null, 0));
    }
  }

  @Test
  void aStoredTypeNoLongerOnTheAllowlistIsNamedWithItsFileAndTask() {
    storeTwoStepsAndForgetTheSecond("allow");
    // What a JVM whose class path had one more checkpoint type would have stored: a class id that
    // this class path does not register, then the object's bytes.
    Output bytes = new Output(16);
    bytes.writeVarInt(0x0abcdef + 2, true);
    bytes.writeInt(42);
    try (Storage store = Storages.open(dir);
        WorkflowStore claim = store.claim("allow", false)) {
      claim.values().write(outputKeyOfFirstStep(), 0, 0, bytes.getBuffer(), 0, bytes.position());
    }
    Path map = StoredFiles.recordsMap(dir, "allow");
    try (Waymark waymark = Waymark.open(dir)) {
      CheckpointCorruptedException e =
          assertThrows(CheckpointCorruptedException.class, () -> waymark.resume("allow"));
      assertEquals(map, e.file());
      assertTrue(e.getMessage().contains("task 'inc_1'"), e.getMessage());
      assertTrue(
          e.getMessage().contains("a type no step signature on this class path declares"),
          e.getMessage());
      assertFalse(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("kryo"));
      assertFalse(e.getMessage().contains("unregistered"), "the codec's words stay in the cause");
      assertEquals(WorkflowStatus.RESUMABLE, waymark.getStatus("allow"));
    }
  }

  @Test
  void aDamagedInputIsNamedWhenAResumeNeedsIt() throws Exception {
    storeTwoStepsAndForgetTheSecond("flip");
    Path map = StoredFiles.recordsMap(dir, "flip");
    // inc(1) stored 2: find the record (kind 1, a 20-byte header, then Kryo's Integer class 2 and
    // the zigzag varint of 2, which is 4) and flip its payload byte.
    byte[] file = Files.readAllBytes(map);
    int flipped = 0;
    for (int i = 22; i < file.length; i++) {
      if (file[i - 22] == 1 && file[i - 1] == 2 && file[i] == 4) {
        file[i] ^= 0x10;
        flipped++;
      }
    }
    assertEquals(1, flipped, "the stored 2 was found once");
    Files.write(map, file);
    try (Waymark waymark = Waymark.open(dir)) {
      CheckpointCorruptedException e =
          assertThrows(CheckpointCorruptedException.class, () -> waymark.resume("flip"));
      assertEquals(map, e.file());
      assertTrue(e.getMessage().contains("task 'inc_1'"), e.getMessage());
      assertTrue(e.getMessage().contains("checksum"), e.getMessage());
      assertEquals(WorkflowStatus.RESUMABLE, waymark.getStatus("flip"));
    }
  }

  /** The in-flight journal's writes fail (an I/O error on its file), from the {@code failAt}-th. */
  private static final class BrokenJournal extends ForwardingStore {
    final AtomicInteger clears = new AtomicInteger();
    volatile int failAt = 1;

    BrokenJournal(Storage store) {
      super(store);
    }

    @Override
    WorkflowStore wrap(WorkflowStore claim) {
      return new ForwardingWorkflow(claim) {
        @Override
        public Attempts attempts() {
          return new ForwardingAttempts(claim.attempts()) {
            @Override
            public void clear(int slot) {
              if (clears.incrementAndGet() >= failAt) {
                throw new StorageException(
                    "cannot write "
                        + Path.of(claim.location()).resolve("inflight.bin")
                        + ": I/O error",
                    null);
              }
              super.clear(slot);
            }
          };
        }
      };
    }
  }

  @org.junit.jupiter.api.Timeout(60)
  @Test
  void anIoErrorOnTheJournalEndsTheRunWithANamedErrorInsteadOfHanging() {
    BrokenJournal store = new BrokenJournal(Storages.open(dir));
    try (Engine engine = new Engine(store, EngineSettings.of(2))) {
      // A fan-out: each branch is a chain of its own, which ends by clearing its journal slot.
      java.util.List<Workflow<Integer>> parts = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        parts.add(TestSteps.inc(Workflow.of(i)));
      }
      Workflow<Integer> fanOut = TestSteps.sum(Workflow.all(parts));
      CompletionException thrown =
          assertThrows(
              CompletionException.class,
              () -> engine.run((Node<?>) fanOut, "journal", Map.of(), true).join());
      StorageException e = (StorageException) thrown.getCause();
      assertTrue(e.getMessage().contains("inflight.bin"), e.getMessage());
      assertEquals(WorkflowStatus.RESUMABLE, engine.queries().status("journal"));
      // The slots came back: later runs are not refused for want of one.
      store.failAt = Integer.MAX_VALUE;
      assertEquals(21, engine.resume("journal", true).join());
      assertEquals(3, engine.run((Node<?>) chain(3), "after", Map.of(), true).join());
    }
  }
}
