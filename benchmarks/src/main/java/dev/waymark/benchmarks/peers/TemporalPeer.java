package dev.waymark.benchmarks.peers;

import static dev.waymark.benchmarks.report.FigureIds.*;

import dev.waymark.benchmarks.Profile;
import dev.waymark.benchmarks.SampleFile;
import dev.waymark.benchmarks.steps.Pipeline;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The Temporal Java SDK on its in-process test server, in a JVM of its own. Each measured run gets
 * a fresh {@link TestWorkflowEnvironment} (a reused one degrades), created and primed with a
 * one-step workflow outside the timing; the JIT is warmed in a throwaway one first. Writes ns per
 * step to the sample file.
 *
 * <p>Arguments: sample file, profile name.
 */
public final class TemporalPeer {
  private static final String QUEUE = "waymark-bench";

  private TemporalPeer() {}

  public static void main(String[] args) throws Exception {
    SampleFile out = new SampleFile(Path.of(args[0]));
    Profile.PeerReps reps = Profile.valueOf(args[1]).temporal;
    try (Server warmUp = new Server()) {
      check(1_000, warmUp.chain(1_000));
      for (int i = 0; i < 10; i++) {
        check(285, warmUp.pipeline());
      }
    }
    measureChain(out, TEMPORAL_PIPELINE, 3, reps.pipeline());
    measureChain(out, TEMPORAL_1K, 1_000, reps.chain1k());
    measureChain(out, TEMPORAL_10K, 10_000, reps.chain10k());
    System.exit(0); // the SDK leaves non-daemon threads behind
  }

  /** {@code steps == 3} is the pipeline. */
  private static void measureChain(SampleFile out, String id, int steps, int runs)
      throws Exception {
    for (int run = 0; run < runs; run++) {
      try (Server server = new Server()) {
        server.chain(1); // not timed: the first workflow of an environment starts its pollers
        long start = System.nanoTime();
        int result = steps == 3 ? server.pipeline() : server.chain(steps);
        long elapsed = System.nanoTime() - start;
        check(steps == 3 ? 285 : steps, result);
        out.sample(id, (double) elapsed / steps);
      }
      System.out.printf("temporal %s run %d of %d done%n", id, run + 1, runs);
    }
  }

  private static void check(int expected, int actual) {
    if (expected != actual) {
      throw new IllegalStateException("expected " + expected + ", got " + actual);
    }
  }

  /** A test server with a worker for the two workflows and the activities. */
  private static final class Server implements AutoCloseable {
    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
    private final WorkflowClient client;

    Server() {
      Worker worker = env.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(
          TemporalWorkflows.ChainImpl.class, TemporalWorkflows.ThreeStepsImpl.class);
      worker.registerActivitiesImplementations(new TemporalActivitiesImpl());
      env.start();
      client = env.getWorkflowClient();
    }

    int chain(int steps) {
      return client.newWorkflowStub(TemporalWorkflows.Chain.class, options()).run(steps);
    }

    int pipeline() {
      return client
          .newWorkflowStub(TemporalWorkflows.ThreeSteps.class, options())
          .run(Pipeline.INPUT);
    }

    private static WorkflowOptions options() {
      return WorkflowOptions.newBuilder()
          .setTaskQueue(QUEUE)
          .setWorkflowId("bench-" + UUID.randomUUID())
          .build();
    }

    @Override
    public void close() {
      env.close();
    }
  }
}
