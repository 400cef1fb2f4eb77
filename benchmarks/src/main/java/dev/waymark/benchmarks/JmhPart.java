package dev.waymark.benchmarks;

import static dev.waymark.benchmarks.report.FigureIds.*;

import dev.waymark.benchmarks.report.Results;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks (package {@code jmh}) through JMH's Runner API and turns each benchmark's
 * measured iterations, over all forks, into the samples of one figure (ns per step).
 */
final class JmhPart {
  private static final String PACKAGE = "dev.waymark.benchmarks.jmh.";
  private static final String PACKAGE_REGEX = PACKAGE.replace(".", "\\.");

  /** Benchmark method (and parameter value, if any) to figure id. */
  static final Map<String, String> FIGURES =
      Map.ofEntries(
          Map.entry("PlainCallBenchmark.chain1k", CALL_1K),
          Map.entry("PlainCallBenchmark.chain10k", CALL_10K),
          Map.entry("PlainCallBenchmark.chain100k", CALL_100K),
          Map.entry("PlainCallBenchmark.pipeline", CALL_PIPELINE),
          Map.entry("ChroniclePutBenchmark.put:int", PUT_INT),
          Map.entry("ChroniclePutBenchmark.put:1024", PUT_1K),
          Map.entry("ChainBenchmark.chain100k", CHAIN_100K),
          Map.entry("ChainBenchmark.checkpointOff100k", CHECKPOINT_OFF_100K),
          Map.entry("ChainBenchmark.wide100k", WIDE_100K),
          Map.entry("CommitBenchmark.commit:64", COMMIT_64),
          Map.entry("CommitBenchmark.commit:1024", COMMIT_1K),
          Map.entry("LargeCommitBenchmark.commit:65536", COMMIT_64K),
          Map.entry("DurableBenchmark.durableChain1k", DURABLE_CHAIN_1K),
          Map.entry("DurableBenchmark.durableWide10k", DURABLE_WIDE_10K),
          Map.entry("AsyncStateBenchmark.saveAsync100k", SAVE_ASYNC),
          Map.entry("RecursionBenchmark.levels100k", RECURSION_LEVEL),
          Map.entry("ShortWorkflowBenchmark.chain1k", CHAIN_1K),
          Map.entry("ShortWorkflowBenchmark.chain10k", CHAIN_10K),
          Map.entry("ShortWorkflowBenchmark.pipeline", PIPELINE));

  private JmhPart() {}

  /**
   * The benchmarks whose whole workflows run more code than a chain of steps: on two cores, the JIT
   * compiler is still at work on them after the smoke profile's warm-up, so they get at least
   * {@link #SLOW_WARMUP_ITERATIONS} warm-up iterations of {@link #SLOW_WARMUP_MILLIS}.
   */
  private static final String SLOW_TO_WARM = PACKAGE_REGEX + "ShortWorkflowBenchmark\\.";

  static final int SLOW_WARMUP_ITERATIONS = 10;
  static final int SLOW_WARMUP_MILLIS = 1500;

  static void run(Profile profile, Path log, List<String> profilers, Results results)
      throws RunnerException {
    List<RunResult> runs = new ArrayList<>();
    ChainedOptionsBuilder rest =
        options(profile, log, profilers, profile.warmupIterations, profile.iterationMillis)
            .include(PACKAGE_REGEX + ".*")
            .exclude(SLOW_TO_WARM);
    runs.addAll(runFollowing(rest, log));
    Path slowLog = log.resolveSibling("slow-" + log.getFileName());
    ChainedOptionsBuilder slow =
        options(
                profile,
                slowLog,
                profilers,
                Math.max(profile.warmupIterations, SLOW_WARMUP_ITERATIONS),
                Math.max(profile.iterationMillis, SLOW_WARMUP_MILLIS))
            .include(SLOW_TO_WARM);
    runs.addAll(runFollowing(slow, slowLog));
    for (RunResult run : runs) {
      String id = FIGURES.get(key(run));
      if (id == null) {
        continue;
      }
      List<Double> samples = new ArrayList<>();
      for (BenchmarkResult fork : run.getBenchmarkResults()) {
        for (IterationResult iteration : fork.getIterationResults()) {
          samples.add(iteration.getPrimaryResult().getScore());
        }
      }
      results.add(id, samples);
    }
    results.notMeasuredUnlessPresent(
        List.copyOf(FIGURES.values()), "the JMH benchmark failed: see the JMH logs");
  }

  private static ChainedOptionsBuilder options(
      Profile profile, Path log, List<String> profilers, int warmups, int warmupMillis) {
    List<String> jvmArgs = new ArrayList<>(JvmFlags.chronicle());
    jvmArgs.add(JvmFlags.HEAP_MIN);
    jvmArgs.add(JvmFlags.HEAP_MAX);
    ChainedOptionsBuilder options =
        new OptionsBuilder()
            .forks(profile.forks)
            .warmupIterations(warmups)
            .measurementIterations(profile.iterations)
            .warmupTime(TimeValue.milliseconds(warmupMillis))
            .measurementTime(TimeValue.milliseconds(profile.iterationMillis))
            .timeUnit(TimeUnit.NANOSECONDS)
            .jvmArgsAppend(jvmArgs.toArray(new String[0]))
            .shouldFailOnError(false)
            .output(log.toString());
    for (String profiler : profilers) {
      options.addProfiler(profiler);
    }
    return options;
  }

  /** Runs JMH, printing which benchmark it is on from its log. */
  private static Collection<RunResult> runFollowing(ChainedOptionsBuilder options, Path log)
      throws RunnerException {
    Thread progress = new Thread(() -> followLog(log), "jmh-progress");
    progress.setDaemon(true);
    progress.start();
    try {
      return new Runner(options.build()).run();
    } finally {
      progress.interrupt();
    }
  }

  /** Prints which benchmark JMH is on, from its log, until interrupted. */
  private static void followLog(Path log) {
    long read = 0;
    String benchmark = null;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(500);
        if (!Files.exists(log)) {
          continue;
        }
        List<String> lines;
        try (BufferedReader reader = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
          reader.skip(read);
          lines = reader.lines().toList();
        }
        for (String line : lines) {
          read += line.length() + 1;
          if (line.startsWith("# Benchmark: ")) {
            benchmark = line.substring(line.lastIndexOf('.', line.lastIndexOf('.') - 1) + 1);
          } else if (line.startsWith("# Parameters: ") && benchmark != null) {
            benchmark += " " + line.substring("# Parameters: ".length());
          } else if (line.startsWith("# Fork: ") && benchmark != null) {
            System.out.println("  " + benchmark + ", fork " + line.substring("# Fork: ".length()));
            benchmark = null;
          }
        }
      }
    } catch (InterruptedException e) {
      // the run is over
    } catch (IOException | RuntimeException e) {
      // progress is a courtesy: the run goes on without it
    }
  }

  /** {@code Class.method}, plus {@code :value} of its one parameter when it has one. */
  private static String key(RunResult run) {
    String benchmark = run.getParams().getBenchmark();
    String key =
        benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
    Collection<String> params = run.getParams().getParamsKeys();
    for (String param : params) {
      key += ":" + run.getParams().getParam(param);
    }
    return key;
  }
}
