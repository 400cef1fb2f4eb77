package dev.waymark.benchmarks.jmh;

import dev.waymark.Workflow;
import dev.waymark.benchmarks.steps.Pipeline;
import dev.waymark.benchmarks.steps.Trivial;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The workflows the peers run, on Waymark: chains of 1,000 and 10,000 trivial steps and the
 * three-step pipeline, each a whole workflow under a new id (claim, DAG and statuses in the
 * segment's log, outputs in its maps). The score is per step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ShortWorkflowBenchmark extends ChronicleForked {
  private Workflow<Integer> chain1k;
  private Workflow<Integer> chain10k;
  private Workflow<Integer> pipeline;

  @Setup(Level.Trial)
  public void build() {
    chain1k = Trivial.chain(1_000);
    chain10k = Trivial.chain(10_000);
    pipeline = Pipeline.workflow();
  }

  @Benchmark
  @OperationsPerInvocation(1_000)
  public int chain1k(WaymarkStorage storage) {
    return Checks.expect(1_000, storage.run(chain1k));
  }

  @Benchmark
  @OperationsPerInvocation(10_000)
  public int chain10k(WaymarkStorage storage) {
    return Checks.expect(10_000, storage.run(chain10k));
  }

  @Benchmark
  @OperationsPerInvocation(3)
  public int pipeline(WaymarkStorage storage) {
    return Checks.expect(285, storage.run(pipeline));
  }
}
