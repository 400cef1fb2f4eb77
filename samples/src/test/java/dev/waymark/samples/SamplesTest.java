package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowStillActiveException;
import dev.waymark.test.ChildJvm;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed examples and the exactly-once promise, through generated builders. */
class SamplesTest {
  @TempDir Path dir;
  Waymark waymark;

  @BeforeEach
  void open() {
    waymark = Waymark.open(dir);
  }

  @AfterEach
  void close() {
    waymark.close();
  }

  @Test
  void pipelineOfTenIs285() {
    assertEquals(285, waymark.run(PipelineSample.pipeline(10), "pipeline"));
    assertEquals(
        java.util.List.of(0, 1, 4, 9, 16, 25, 36, 49, 64, 81),
        waymark.getOutput("pipeline", "preprocessing"));
  }

  @Test
  void theDurablePipelineIs285AndReadableInTheDefaultMode() {
    Path durable = dir.resolve("durable");
    assertEquals(285, PipelineSample.durablePipeline(durable));
    try (Waymark reader = Waymark.open(durable)) {
      assertEquals(285, (Integer) reader.getOutput("durable-report"));
    }
  }

  @Test
  void aNewWorkflowRunsTheNewestVersionOfAStep() {
    assertEquals("charged ada 1250 EUR cents", waymark.run(Billing.bill("ada", 1250), "bill"));
    assertEquals(
        "dev.waymark.samples.Billing#charge@2", waymark.getMetadata("bill", "charge").stepId());
  }

  @Test
  void addOfGetValAndTwentyIs30() {
    assertEquals(30, waymark.run(PipelineSample.addition(), "add"));
    assertEquals(10, (Integer) waymark.getOutput("add", "getVal"));
  }

  @Test
  void caughtFailuresReachTheHandlerStep() {
    String handled = waymark.run(ErrorHandling.handled(), "handled");
    org.junit.jupiter.api.Assertions.assertTrue(
        handled.equals("OK") || handled.equals("There was an error: oops"), handled);
    assertEquals(
        java.util.Map.of("owner", "samples"),
        waymark.getMetadata("handled", "faultyFunction").metadata());
  }

  @Test
  void bookTripBooksEachThingOnceAcrossReruns() throws Exception {
    Path ledger = dir.resolve("ledger.txt");
    System.setProperty("booking.ledger", ledger.toString());
    Trip.Receipt receipt = waymark.run(Trip.trip(), "trip");
    assertEquals("CONFIRMED", receipt.status());
    assertEquals("SAN", receipt.hotels().get(0).city());
    assertEquals(3, BookingService.bookings(ledger).size());
    assertEquals(receipt, waymark.run(Trip.trip(), "trip"));
    assertEquals(3, BookingService.bookings(ledger).size());
    Trip.Flight inbound = waymark.getOutput("trip", "bookFlight_1");
    assertEquals("SAN", inbound.from());
  }

  @Test
  void recursionAsContinuations() {
    assertEquals(3628800L, waymark.run(RecursionSteps.factorial(10), "factorial"));
    assertEquals(2432902008176640000L, waymark.run(RecursionSteps.factorial(20), "factorial-20"));
    long[] doubled = waymark.run(RecursionSteps.exp(new long[] {1, 3}, 25, 0), "exp");
    org.junit.jupiter.api.Assertions.assertArrayEquals(new long[] {1L << 25, 3L << 25}, doubled);
  }

  @Test
  void theSeedLoopFinishesWithinItsRetries() {
    assertEquals(99, waymark.run(TrainingSteps.useCheckpoint(99), "use-checkpoint"));
    assertEquals(0.9 * 0.9 * 0.9, waymark.run(TrainingSteps.train(3), "train"), 1e-9);
  }

  @Test
  void anApprovalSentFromAnotherThreadPublishes() throws Exception {
    CompletableFuture<String> run =
        waymark.runAsync(Approval.publishWhenApproved("a.pdf"), "approve");
    Thread.sleep(100);
    waymark.sendEvent("approve", "approval", "yes");
    assertEquals("published a.pdf", run.get(10, java.util.concurrent.TimeUnit.SECONDS));
  }

  @Test
  void aHandleStartsTheWorkflowAndAnotherFindsItByIdTypedByItsResult() {
    assertEquals("published a.pdf", Approval.approveAndPublish(waymark, "a.pdf"));
    assertEquals("SUCCESSFUL: published a.pdf", Approval.lookUp(waymark, "a.pdf"));
    assertThrows(
        dev.waymark.exceptions.WorkflowConflictException.class,
        () -> waymark.workflow("publish-a.pdf", Integer.class).result());
    waymark.workflow("publish-a.pdf", String.class).delete();
    assertThrows(
        dev.waymark.exceptions.WorkflowNotFoundException.class,
        () -> waymark.workflow("publish-a.pdf", String.class));
  }

  @Test
  void runAsyncCompletesWithTheResult() {
    CompletableFuture<Integer> future = waymark.runAsync(PipelineSample.pipeline(4), "async");
    assertEquals(14, future.join());
  }

  @Test
  void aCommittedStepRunsExactlyOnceAcrossRunRerunGetOutputAndResume() {
    Counted.EXECUTIONS.set(0);
    Workflow<String> workflow = CountedSteps.greet("world");
    assertEquals("hello world", waymark.run(workflow, "once"));
    assertEquals("hello world", waymark.run(workflow, "once"));
    assertEquals("hello world", waymark.getOutput("once"));
    assertEquals("hello world", waymark.resume("once"));
    assertEquals("hello world", waymark.getOutput("once", "greet"));
    assertEquals(WorkflowStatus.SUCCESSFUL, waymark.getStatus("once"));
    assertEquals(1, Counted.EXECUTIONS.get());
  }

  @Test
  void aSecondProcessCannotRunAWorkflowThatIsRunning() throws Exception {
    Path log = dir.resolve("log");
    Path other = dir.resolve("other");
    Process child =
        ChildJvm.start(
            dir.resolve("child.out"), CrashChain.class, other.toString(), log.toString(), "run");
    try {
      while (!java.nio.file.Files.exists(log)) {
        Thread.sleep(5);
      }
      try (Waymark second = Waymark.open(other)) {
        WorkflowStillActiveException e =
            assertThrows(
                WorkflowStillActiveException.class,
                () -> second.run(CrashChain.chain(), CrashChain.ID));
        org.junit.jupiter.api.Assertions.assertTrue(
            e.getMessage().contains("another process"), e.getMessage());
        assertEquals(WorkflowStatus.RUNNING, second.getStatus(CrashChain.ID));
      }
    } finally {
      child.destroyForcibly().waitFor();
    }
    try (Waymark third = Waymark.open(other)) {
      assertEquals(WorkflowStatus.RESUMABLE, third.getStatus(CrashChain.ID));
    }
  }
}
