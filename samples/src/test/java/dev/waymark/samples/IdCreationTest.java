package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.WorkflowInfo;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowStillActiveException;
import dev.waymark.test.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workflow ids across processes when the first one creates them alone, without a lock per id: an id
 * it has created but not written yet is still refused to a second process, and a process killed
 * while alone holds up no one.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class IdCreationTest {
  @TempDir Path dir;

  /**
   * Starts an {@link IdHolderProgram} child on {@code storage} that holds {@code id} created alone
   * and not written, until the file {@code release} appears; returns once it says so.
   */
  private Process holding(Path storage, String id, Path release) throws Exception {
    Process holder =
        ChildJvm.start(out(), IdHolderProgram.class, storage.toString(), id, release.toString());
    ChildJvm.awaitLine(holder, out(), "HELD", Duration.ofSeconds(120));
    return holder;
  }

  private Path out() {
    return dir.resolve("holder.out");
  }

  @Test
  void anIdCreatedAloneAndNotWrittenYetIsRefusedToAnotherProcess() throws Exception {
    Path storage = dir.resolve("storage");
    Path release = dir.resolve("release");
    Process holder = holding(storage, "shared", release);
    try (Waymark waymark = Waymark.open(storage)) {
      assertThrows(
          WorkflowStillActiveException.class,
          () -> waymark.run(DamageSteps.chain("shared"), "shared"));
      // This process creates its own ids meanwhile, and the holder its own.
      assertEquals(DamageSteps.expected("mine"), waymark.run(DamageSteps.chain("mine"), "mine"));
      Files.createFile(release);
      ChildJvm.awaitLine(holder, out(), "DONE", Duration.ofSeconds(120));
      assertEquals(0, holder.waitFor());
      assertEquals(WorkflowStatus.SUCCESSFUL, waymark.getStatus("shared"));
      assertEquals(
          List.of("mine", "shared"),
          waymark.list().stream().map(WorkflowInfo::workflowId).sorted().toList());
    }
  }

  @Test
  void aProcessKilledWhileAloneHoldsUpNoOneAndItsUnwrittenIdIsFree() throws Exception {
    Path storage = dir.resolve("storage");
    Process holder = holding(storage, "shared", dir.resolve("never"));
    ChildJvm.kill(holder);
    try (Waymark waymark = Waymark.open(storage)) {
      // Nothing of the claim was written: the id is free, and this process creates alone now.
      assertEquals(
          DamageSteps.expected("shared"), waymark.run(DamageSteps.chain("shared"), "shared"));
      assertEquals(
          List.of("shared"), waymark.list().stream().map(WorkflowInfo::workflowId).toList());
    }
  }

  /**
   * Two runtimes of one JVM race for the same ids: the first creates ids alone until the second
   * creates its first, and then both lock each id. Every id runs once, in one of them.
   */
  @Test
  void twoRuntimesInTheSameJvmRacingForTheSameIdsRunEachOnce() throws Exception {
    PerId.EXECUTIONS.clear();
    int ids = 300;
    try (Waymark first = Waymark.open(dir.resolve("storage"));
        Waymark second = Waymark.open(dir.resolve("storage"))) {
      first.run(PerIdSteps.mark("warm"), "warm"); // the first creates ids alone from here
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<Integer>> racers = new java.util.ArrayList<>();
      for (Waymark runtime : List.of(first, second)) {
        racers.add(
            CompletableFuture.supplyAsync(
                () -> {
                  int refused = 0;
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                  for (int i = 0; i < ids; i++) {
                    try {
                      assertEquals("marked r" + i, runtime.run(PerIdSteps.mark("r" + i), "r" + i));
                    } catch (WorkflowStillActiveException running) {
                      refused++; // running in the other runtime at that moment
                    }
                  }
                  return refused;
                }));
      }
      start.countDown();
      for (CompletableFuture<Integer> racer : racers) {
        racer.get(120, TimeUnit.SECONDS);
      }
      for (int i = 0; i < ids; i++) {
        assertEquals("marked r" + i, first.getOutput("r" + i), "r" + i);
        assertEquals(1, PerId.EXECUTIONS.get("r" + i).get(), "r" + i + " ran once");
      }
      assertEquals(ids + 1, second.list().size());
    }
  }

  /**
   * A caller interrupted while it waits for the process that creates ids alone to make way: the
   * wait goes on, the interrupt is kept for the caller, and the id locks stay usable (a thread
   * interrupted inside a blocking file lock would close the lock file's channel for the JVM).
   */
  @Test
  void aCallerInterruptedWhileWaitingForTheAloneProcessKeepsItsInterruptAndTheLocks()
      throws Exception {
    Path storage = dir.resolve("storage");
    Path release = dir.resolve("release");
    Process holder = holding(storage, "held", release);
    signal(holder, "STOP"); // alone, and not answering: whoever joins waits
    try (Waymark waymark = Waymark.open(storage)) {
      CompletableFuture<Boolean> caller = new CompletableFuture<>();
      Thread thread =
          new Thread(
              () -> {
                try {
                  assertEquals(
                      DamageSteps.expected("mine"), waymark.run(DamageSteps.chain("mine"), "mine"));
                  caller.complete(Thread.interrupted());
                } catch (Throwable e) {
                  caller.completeExceptionally(e);
                }
              });
      thread.start();
      // Interrupted while it waits (its state says it sleeps between tries for the lock; a thread
      // blocked in a file lock instead stays RUNNABLE, and is interrupted there after a while).
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (thread.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      thread.interrupt();
      signal(holder, "CONT");
      assertTrue(caller.get(60, TimeUnit.SECONDS), "the caller's interrupt is kept");
      assertEquals(
          DamageSteps.expected("after"),
          waymark.run(DamageSteps.chain("after"), "after"),
          "the id locks still work");
      Files.createFile(release);
      ChildJvm.awaitLine(holder, out(), "DONE", Duration.ofSeconds(120));
    } finally {
      if (holder.isAlive()) {
        send(holder, "CONT"); // never left stopped, whatever failed (it may have ended meanwhile)
      }
    }
  }

  private static void signal(Process process, String signal) throws Exception {
    assertEquals(0, send(process, signal), "kill -" + signal);
  }

  private static int send(Process process, String signal) throws Exception {
    return new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
  }
}
