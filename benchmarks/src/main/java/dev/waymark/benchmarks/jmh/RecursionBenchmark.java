package dev.waymark.benchmarks.jmh;

import dev.waymark.benchmarks.steps.Recursive;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * One level of a recursive continuation: a workflow of 100,000 levels, each a step that returns the
 * workflow of the level below plus an addition waiting for it, run under a new id. The score is per
 * level.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RecursionBenchmark extends ChronicleForked {
  static final int LEVELS = 100_000;

  @Benchmark
  @OperationsPerInvocation(LEVELS)
  public long levels100k(WaymarkStorage storage) {
    long result = storage.run(Recursive.levels(LEVELS));
    if (result != (long) LEVELS * (LEVELS + 1) / 2) {
      throw new IllegalStateException("wrong sum: " + result);
    }
    return result;
  }
}
