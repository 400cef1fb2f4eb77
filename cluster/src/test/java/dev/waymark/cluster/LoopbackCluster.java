package dev.waymark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.waymark.ClusterOptions;
import dev.waymark.Waymark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Three runtimes of one new cluster on loopback, in this JVM, each with its own storage. */
final class LoopbackCluster {
  static {
    System.setProperty("org.slf4j.simpleLogger.log.com.hazelcast", "warn");
  }

  private LoopbackCluster() {}

  /**
   * Starts the members on ports from {@code port} on, with storages under {@code dir}, each running
   * {@code parallelism} steps at once (0: the default), and returns them once each sees all three
   * and every record has its backups.
   */
  static List<Waymark> start(Path dir, String name, int port, int parallelism)
      throws InterruptedException {
    ClusterOptions options = ClusterOptions.loopback(name + "-" + UUID.randomUUID(), port, 3);
    List<Waymark> members = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ClusterOptions mine =
          new ClusterOptions(
              options.name(),
              options.host(),
              options.port() + i,
              options.members(),
              options.backups(),
              options.quorum());
      Waymark.Builder builder = Waymark.builder().storage(dir.resolve("member-" + i)).cluster(mine);
      members.add((parallelism > 0 ? builder.parallelism(parallelism) : builder).build());
    }
    for (Waymark member : members) {
      while (!member.clusterSafe()) {
        Thread.sleep(20);
      }
      assertEquals(3, member.clusterMembers().size());
    }
    return members;
  }
}
