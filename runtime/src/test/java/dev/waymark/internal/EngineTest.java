package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowExecutionException;
import dev.waymark.exceptions.WorkflowNotFoundException;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.Storages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {
  @TempDir Path dir;
  Waymark waymark;

  @BeforeEach
  void open() {
    TestSteps.RUNS.clear();
    waymark = Waymark.open(dir);
  }

  @AfterEach
  void close() {
    waymark.close();
  }

  @Test
  void chainRunsAndIsStored() {
    Workflow<Integer> w = Workflow.of(0);
    for (int i = 0; i < 100; i++) {
      w = TestSteps.inc(w);
    }
    assertEquals(100, waymark.run(w, "chain"));
    assertEquals(100, TestSteps.runs("inc"));
    assertEquals(WorkflowStatus.SUCCESSFUL, waymark.getStatus("chain"));
    assertEquals(100, (Integer) waymark.getOutput("chain"));
    assertEquals(1, (Integer) waymark.getOutput("chain", "inc"));
    assertEquals(51, (Integer) waymark.getOutput("chain", "inc_50"));
    assertEquals(100, waymark.run(w, "chain"));
    assertEquals(100, (Integer) waymark.resume("chain"));
    assertEquals(100, TestSteps.runs("inc"));
  }

  @Test
  void aTaskMadeReadyWhileTheDagIsSeededRunsOnce() {
    // DAG order: first, 100,000 independent tasks, then second (which needs first). first runs
    // while the others are being submitted and makes second ready before seeding reaches it.
    waymark.run(TestSteps.add(Workflow.of(1), Workflow.of(2)), "warm-up"); // threads, classes
    Workflow<Integer> first = TestSteps.inc(Workflow.of(0));
    List<Workflow<Integer>> parts = new ArrayList<>();
    parts.add(first);
    for (int i = 0; i < 100_000; i++) {
      parts.add(TestSteps.add(Workflow.of(i), Workflow.of(0)));
    }
    parts.add(TestSteps.inc(first));
    assertEquals(100_002, waymark.run(Workflow.all(parts), "seeded").size());
    assertEquals(2, TestSteps.runs("inc"));
    assertEquals(100_001, TestSteps.runs("add"));
  }

  @Test
  void failureIsRecordedAndResumable() {
    Workflow<Integer> w =
        TestSteps.add(TestSteps.inc(Workflow.of(1)), TestSteps.fail(Workflow.of(3)));
    WorkflowExecutionException e =
        assertThrows(WorkflowExecutionException.class, () -> waymark.run(w, "f"));
    assertEquals("boom 3", e.getCause().getMessage());
    assertEquals(WorkflowStatus.FAILED, waymark.getStatus("f"));
    assertThrows(WorkflowExecutionException.class, () -> waymark.resume("f"));
    assertEquals(2, TestSteps.runs("fail"));
  }

  @Test
  void fanInAndLargeOutputs() {
    List<Workflow<Integer>> parts = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      parts.add(TestSteps.inc(Workflow.of(i)));
    }
    assertEquals(500500, waymark.run(TestSteps.sum(Workflow.all(parts)), "fan"));
    byte[] big = waymark.run(TestSteps.bytes(1 << 20), "big");
    assertEquals(1 << 20, big.length);
    assertArrayEquals(big, waymark.getOutput("big"));
  }

  @Test
  void unknownIdsLeaveNoTrace() throws Exception {
    assertThrows(WorkflowNotFoundException.class, () -> waymark.resume("nope"));
    assertThrows(WorkflowNotFoundException.class, () -> waymark.getStatus("nope"));
    assertThrows(WorkflowNotFoundException.class, () -> waymark.getOutput("nope"));
    assertThrows(WorkflowNotFoundException.class, () -> waymark.delete("nope"));
    assertTrue(Files.notExists(dir.resolve("workflows").resolve("nope")));
  }

  @Test
  void deleteRemovesEverything() {
    waymark.run(TestSteps.inc(Workflow.of(1)), "d");
    waymark.delete("d");
    assertTrue(Files.notExists(dir.resolve("workflows").resolve("d")));
    assertEquals(List.of(), waymark.list());
    assertEquals(2, waymark.run(TestSteps.inc(Workflow.of(1)), "d"));
    assertEquals(2, TestSteps.runs("inc"));
  }

  @Test
  void independentStepsRunInParallel() {
    TestSteps.barrier = new java.util.concurrent.CyclicBarrier(2);
    assertEquals(3, waymark.run(TestSteps.add(TestSteps.meet(1), TestSteps.meet(2)), "parallel"));
  }

  @Test
  void listShowsEveryWorkflowWithItsStatus() {
    waymark.run(TestSteps.inc(Workflow.of(1)), "ok");
    assertThrows(
        WorkflowExecutionException.class, () -> waymark.run(TestSteps.fail(Workflow.of(1)), "bad"));
    assertEquals(
        List.of(
            new dev.waymark.WorkflowInfo("bad", WorkflowStatus.FAILED),
            new dev.waymark.WorkflowInfo("ok", WorkflowStatus.SUCCESSFUL)),
        waymark.list());
    assertEquals(
        List.of(new dev.waymark.WorkflowInfo("ok", WorkflowStatus.SUCCESSFUL)),
        waymark.list(WorkflowStatus.SUCCESSFUL));
  }

  @Test
  void generatedIdsNameTheOutputStep() {
    String id = waymark.runAsync(TestSteps.inc(Workflow.of(1))).thenApply(x -> "done").join();
    assertEquals("done", id);
    assertEquals(1, waymark.list().size());
    assertTrue(waymark.list().get(0).workflowId().startsWith("inc."), waymark.list().toString());
  }

  @Test
  void unknownTaskIdIsNamed() {
    waymark.run(TestSteps.inc(Workflow.of(1)), "t");
    WorkflowNotFoundException e =
        assertThrows(WorkflowNotFoundException.class, () -> waymark.getOutput("t", "nope"));
    assertTrue(e.getMessage().contains("[inc]"), e.getMessage());
  }

  @Test
  void theSameValuePassedToManyStepsIsStoredOnce() throws Exception {
    byte[] big = new byte[10_000];
    new java.util.Random(1).nextBytes(big);
    List<Workflow<Integer>> parts = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      parts.add(TestSteps.length(Workflow.of(big.clone())));
    }
    assertEquals(10_000_000, waymark.run(TestSteps.sum(Workflow.all(parts)), "dedup"));
    long dagSize;
    try (Storage store = Storages.open(dir)) {
      dagSize = store.readDag("dedup").length();
    }
    assertTrue(dagSize < 20_000, "1000 copies of a 10 KB value recorded in " + dagSize + " bytes");
  }

  @Test
  void constantsAreFrozen() {
    List<Integer> list = new ArrayList<>(List.of(1, 2));
    Workflow<List<Integer>> w = TestSteps.append(Workflow.of(list));
    list.add(99);
    assertEquals(List.of(1, 2, 2), waymark.run(w, "frozen"));
  }
}
