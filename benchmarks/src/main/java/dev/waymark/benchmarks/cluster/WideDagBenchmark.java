package dev.waymark.benchmarks.cluster;

import dev.waymark.ClusterOptions;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.benchmarks.jmh.ChronicleForked;
import dev.waymark.benchmarks.steps.Wide;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A wide DAG on a cluster: one workflow of {@code steps} independent steps of about 1 ms each
 * ({@link Wide}), then a sum, asked of the first member, on clusters of 1, 2 and 3 members in this
 * JVM on loopback ({@code members} 0: a runtime without a cluster). Each runtime runs up to {@code
 * parallelism} steps at once. The score is the time of the whole workflow. With {@code spread}, the
 * driver has the other members run steps when its own slots are all taken; without, it runs every
 * step itself. Not part of {@code bench.sh}: run it with {@code java -cp
 * benchmarks/target/benchmarks.jar org.openjdk.jmh.Main WideDagBenchmark}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class WideDagBenchmark extends ChronicleForked {
  @Param({"0", "1", "2", "3"})
  public int members;

  @Param({"10000"})
  public int steps;

  @Param({"8"})
  public int parallelism;

  @Param({"true", "false"})
  public boolean spread;

  private final List<Waymark> runtimes = new ArrayList<>();
  private Workflow<Long> wide;
  private Path dir;
  private long next;

  @Setup(Level.Trial)
  public void start() throws IOException, InterruptedException {
    System.setProperty("org.slf4j.simpleLogger.log.com.hazelcast", "warn");
    wide = Wide.workflow(steps);
    dir = Files.createTempDirectory("waymark-wide-bench");
    if (members == 0) {
      runtimes.add(
          Waymark.builder().storage(dir.resolve("alone")).parallelism(parallelism).build());
      return;
    }
    String name = "wide-" + UUID.randomUUID();
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      addresses.add("127.0.0.1:" + (5911 + i));
    }
    for (int i = 0; i < members; i++) {
      ClusterOptions options =
          new ClusterOptions(
              name, "127.0.0.1", 5911 + i, addresses, 1, members == 1 ? 1 : members / 2 + 1);
      if (!spread) {
        options = options.withoutSpreadingSteps();
      }
      runtimes.add(
          Waymark.builder()
              .storage(dir.resolve("member-" + i))
              .parallelism(parallelism)
              .cluster(options)
              .build());
    }
    for (Waymark runtime : runtimes) {
      while (!runtime.clusterSafe()) {
        Thread.sleep(20);
      }
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    runtimes.forEach(Waymark::close);
  }

  @Benchmark
  public long wideDag() {
    long sum = runtimes.get(0).run(wide, "wide-" + next++);
    if (sum != Wide.expected(steps)) {
      throw new IllegalStateException("the sum is " + sum + ", not " + Wide.expected(steps));
    }
    return sum;
  }
}
