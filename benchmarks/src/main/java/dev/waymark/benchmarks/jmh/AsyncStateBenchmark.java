package dev.waymark.benchmarks.jmh;

import dev.waymark.Workflow;
import dev.waymark.benchmarks.steps.AsyncState;
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
 * One run is a workflow whose single step calls {@code Checkpointer.saveAsync} 100,000 times in a
 * loop; the flush before the step's output is stored is included. The score is per save.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class AsyncStateBenchmark extends ChronicleForked {
  public static final int SAVES = 100_000;

  private Workflow<Integer> loop;

  @Setup(Level.Trial)
  public void build() {
    loop = AsyncState.loop(SAVES);
  }

  /** 100,000 {@code saveAsync} calls in one step; the last state written is the one loaded. */
  @Benchmark
  @OperationsPerInvocation(SAVES)
  public int saveAsync100k(WaymarkStorage storage) {
    return Checks.expect(SAVES, storage.run(loop));
  }
}
