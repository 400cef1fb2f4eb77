package dev.waymark.benchmarks.jmh;

import dev.waymark.benchmarks.steps.Pipeline;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The floor without any framework: the same steps as plain Java calls, each call kept out of line
 * (inlining blocked) so that a step stays a real call. The score is per step.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Thread)
public class PlainCallBenchmark {
  /** Fields, not constants, so that the JIT cannot fold the chains away. */
  public int start = 0;

  public int num = Pipeline.INPUT;

  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  static int inc(int value) {
    return value + 1;
  }

  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  static List<Integer> readData(int num) {
    return Pipeline.readData(num);
  }

  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  static List<Integer> preprocessing(List<Integer> data) {
    return Pipeline.preprocessing(data);
  }

  @CompilerControl(CompilerControl.Mode.DONT_INLINE)
  static int aggregate(List<Integer> data) {
    return Pipeline.aggregate(data);
  }

  private int chain(int steps) {
    int value = start;
    for (int i = 0; i < steps; i++) {
      value = inc(value);
    }
    return value;
  }

  @Benchmark
  @OperationsPerInvocation(1_000)
  public int chain1k() {
    return chain(1_000);
  }

  @Benchmark
  @OperationsPerInvocation(10_000)
  public int chain10k() {
    return chain(10_000);
  }

  @Benchmark
  @OperationsPerInvocation(100_000)
  public int chain100k() {
    return chain(100_000);
  }

  @Benchmark
  @OperationsPerInvocation(3)
  public int pipeline() {
    return aggregate(preprocessing(readData(num)));
  }
}
