package dev.waymark.benchmarks.jmh;

import dev.waymark.Workflow;
import dev.waymark.benchmarks.steps.Trivial;
import dev.waymark.benchmarks.steps.Unstored;
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
 * One run is a whole workflow of 100,000 checkpointed trivial steps, DAG recording included; the
 * score is per step. The chain and the wide DAG are built once: a {@code Workflow} is immutable.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ChainBenchmark extends ChronicleForked {
  public static final int STEPS = 100_000;

  private Workflow<Integer> chain;
  private Workflow<Integer> unstored;
  private Workflow<Integer> wide;

  @Setup(Level.Trial)
  public void build() {
    chain = Trivial.chain(STEPS);
    unstored = Unstored.chain(STEPS);
    wide = Trivial.wide(STEPS);
  }

  /** {@code inc(inc(...inc(0)))}, 100,000 deep. */
  @Benchmark
  @OperationsPerInvocation(STEPS)
  public int chain100k(WaymarkStorage storage) {
    return Checks.expect(STEPS, storage.run(chain));
  }

  /**
   * The same chain with {@code @Checkpoint(CheckpointMode.FALSE)}: only the last output is stored.
   */
  @Benchmark
  @OperationsPerInvocation(STEPS)
  public int checkpointOff100k(WaymarkStorage storage) {
    return Checks.expect(STEPS, storage.run(unstored));
  }

  /** 100,000 independent {@code inc(i)} fanned into one {@code sum(all(...))}. */
  @Benchmark
  @OperationsPerInvocation(STEPS)
  public int wide100k(WaymarkStorage storage) {
    return Checks.expect((int) (STEPS * (STEPS + 1L) / 2), storage.run(wide));
  }
}
