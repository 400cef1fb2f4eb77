package dev.waymark.samples;

import dev.waymark.ClusterOptions;
import dev.waymark.Waymark;
import java.nio.file.Path;
import java.util.List;

/**
 * One member of a three-member cluster on this machine: {@code cluster INDEX} (0, 1 or 2) in three
 * terminals. Each member runs the pipeline under its own ids, and reads every member's results.
 * Kill one (Ctrl-C or {@code kill -9}): the others take over its running workflows.
 */
public final class ClusterSample {
  private ClusterSample() {}

  /** Member {@code index} of the cluster "reports", its storage in {@code cluster-member-INDEX}. */
  static Waymark member(int index) {
    List<String> members = List.of("127.0.0.1:5701", "127.0.0.1:5702", "127.0.0.1:5703");
    ClusterOptions options =
        new ClusterOptions(
            "reports", // the cluster's name: members of other clusters are not let in
            "127.0.0.1", // the address this member listens on...
            5701 + index, // ...and its port
            members, // where to look for the others
            1, // backups: every record is kept on one more member
            2); // quorum: below two members, the cluster accepts no write
    return Waymark.builder().storage(Path.of("cluster-member-" + index)).cluster(options).build();
  }

  public static void main(String[] args) throws Exception {
    int index = Integer.parseInt(args[0]);
    try (Waymark waymark = member(index)) {
      while (!waymark.clusterSafe()) {
        Thread.sleep(100); // until a quorum of members has joined
      }
      System.out.println("members: " + waymark.clusterMembers());
      for (int day = 1; day <= 3; day++) {
        String id = "report-" + index + "-" + day;
        int sum =
            waymark.run(
                PipelineSteps.aggregate(PipelineSteps.preprocessing(PipelineSteps.readData(day))),
                id);
        System.out.println(id + " = " + sum);
      }
      System.out.println("in the cluster: " + waymark.list());
      System.out.println("press Enter to leave the cluster");
      System.in.read();
    }
  }
}
