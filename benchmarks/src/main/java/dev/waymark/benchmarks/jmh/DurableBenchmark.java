package dev.waymark.benchmarks.jmh;

import dev.waymark.Workflow;
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
 * Steps whose commits survive a power loss ({@code Durability.POWER_LOSS}): each output is forced
 * to the device before a dependent step starts. A chain pays about one sync per step; independent
 * steps share syncs (group commit). The score is per step; steps/s is its inverse.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class DurableBenchmark extends ChronicleForked {
  public static final int CHAIN = 1_000;
  public static final int WIDE = 10_000;

  private Workflow<Integer> chain;
  private Workflow<Integer> wide;

  @Setup(Level.Trial)
  public void build() {
    chain = Trivial.chain(CHAIN);
    wide = Trivial.wide(WIDE);
  }

  /** {@code inc(inc(...inc(0)))}, 1,000 deep: every step waits for the sync of its input. */
  @Benchmark
  @OperationsPerInvocation(CHAIN)
  public int durableChain1k(DurableStorage storage) {
    return Checks.expect(CHAIN, storage.run(chain));
  }

  /** 10,000 independent steps fanned into one: their commits share syncs. */
  @Benchmark
  @OperationsPerInvocation(WIDE)
  public int durableWide10k(DurableStorage storage) {
    return Checks.expect((int) (WIDE * (WIDE + 1L) / 2), storage.run(wide));
  }
}
