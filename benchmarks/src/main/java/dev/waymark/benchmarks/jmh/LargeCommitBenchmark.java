package dev.waymark.benchmarks.jmh;

import dev.waymark.Workflow;
import dev.waymark.benchmarks.steps.Payload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Like {@link CommitBenchmark} for 64 KB outputs, on a chain of 2,000 steps (131 MB per run); the
 * score is per step. Outputs this large are stored in files of their own, not in the map.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class LargeCommitBenchmark extends ChronicleForked {
  public static final int STEPS = 2_000;

  @Param({"65536"})
  public int size;

  private Workflow<byte[]> chain;

  @Setup(Level.Trial)
  public void build() {
    chain = Payload.chain(size, STEPS);
  }

  @Benchmark
  @OperationsPerInvocation(STEPS)
  public byte[] commit(WaymarkStorage storage) {
    return Checks.expectLength(size, storage.run(chain));
  }
}
