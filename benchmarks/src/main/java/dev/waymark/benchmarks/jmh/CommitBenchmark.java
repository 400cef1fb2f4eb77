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
 * A chain of 100,000 steps that each commit a {@code byte[]} of {@code size} bytes; the score is
 * per step. 64 KB outputs are in {@link LargeCommitBenchmark}: 100,000 of them would be 6.5 GB.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class CommitBenchmark extends ChronicleForked {
  public static final int STEPS = 100_000;

  @Param({"64", "1024"})
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
