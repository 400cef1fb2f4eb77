package dev.waymark.benchmarks.cluster;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.waymark.ClusterOptions;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.benchmarks.jmh.ChronicleForked;
import dev.waymark.benchmarks.steps.Pipeline;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a step costs on a cluster, next to one process: the three-step pipeline under a new id, run
 * on the member that drives it (the owner of its partition), so that every commit is a write to the
 * cluster, acknowledged by the record's owner and its backup, then to the member's storage. {@code
 * members} 0 is a runtime without a cluster; 1 a cluster of one member (no backup to wait for); 3
 * three members in this JVM on loopback, with one backup. The score is per step. Not part of {@code
 * bench.sh}: run it with {@code java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main
 * ClusterCommitBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ClusterCommitBenchmark extends ChronicleForked {
  @Param({"0", "1", "3"})
  public int members;

  private final List<Waymark> runtimes = new ArrayList<>();
  private final Workflow<Integer> pipeline = Pipeline.workflow();
  private Path dir;
  private HazelcastInstance probe;
  private long next;

  @Setup(Level.Trial)
  public void start() throws IOException, InterruptedException {
    System.setProperty("org.slf4j.simpleLogger.log.com.hazelcast", "warn");
    dir = Files.createTempDirectory("waymark-cluster-bench");
    if (members == 0) {
      runtimes.add(Waymark.open(dir.resolve("alone")));
      return;
    }
    String name = "bench-" + UUID.randomUUID();
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      addresses.add("127.0.0.1:" + (5891 + i));
    }
    for (int i = 0; i < members; i++) {
      ClusterOptions options =
          new ClusterOptions(
              name, "127.0.0.1", 5891 + i, addresses, 1, members == 1 ? 1 : members / 2 + 1);
      runtimes.add(Waymark.builder().storage(dir.resolve("member-" + i)).cluster(options).build());
    }
    for (Waymark runtime : runtimes) {
      while (!runtime.clusterSafe()) {
        Thread.sleep(20);
      }
    }
    probe = Hazelcast.getAllHazelcastInstances().iterator().next();
    while (probe.getPartitionService().getPartition("p-0").getOwner() == null) {
      Thread.sleep(20); // the partitions are given out at their first use
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    runtimes.forEach(Waymark::close);
  }

  @Benchmark
  @OperationsPerInvocation(3)
  public int pipeline() {
    String id = "p-" + next++;
    return runtimes.get(driverOf(id)).run(pipeline, id);
  }

  /** The index of the runtime whose member owns {@code id}'s partition. */
  private int driverOf(String id) {
    if (members <= 1) {
      return 0;
    }
    int port = probe.getPartitionService().getPartition(id).getOwner().getAddress().getPort();
    return port - 5891;
  }
}
