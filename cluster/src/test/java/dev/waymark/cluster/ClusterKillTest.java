package dev.waymark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.test.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three members in real child JVMs on loopback ({@link ClusterMember}) stream workflows while the
 * test kills a member at random with SIGKILL, each time once more steps committed, and starts it
 * again. Then: every workflow any member recorded finished with the right result, every step
 * committed, and a step ran twice only when its first run was in flight, not known committed, on a
 * member that was killed. {@code -Dwaymark.cluster.kills=N} sets the number of kills (default 4). A
 * second test kills all three at once, and starts them again.
 */
class ClusterKillTest {
  private static final Duration START = Duration.ofSeconds(120);
  private static final int BASE_PORT = 5841;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private final Process[] children = new Process[3];
  private final int[] incarnation = new int[3];
  private final List<Path> killedSteps = new ArrayList<>();
  private final String name = "kill-" + UUID.randomUUID();
  private Path stop;

  @AfterEach
  void killAll() throws InterruptedException {
    for (Process child : children) {
      if (child != null && child.isAlive()) {
        ChildJvm.kill(child);
      }
    }
  }

  @Test
  void membersKilledAtRandomLoseNoCommittedStepAndEveryWorkflowFinishes() throws Exception {
    int kills = Integer.getInteger("waymark.cluster.kills", 4);
    long seed = Long.getLong("waymark.cluster.seed", System.nanoTime());
    System.out.println("ClusterKillTest seed " + seed + ", " + kills + " kills");
    Random random = new Random(seed);
    startAll();
    int commits = 0;
    for (int kill = 0; kill < kills; kill++) {
      commits = awaitCommits(commits + 8);
      int victim = random.nextInt(3);
      restart(victim);
      System.out.println("ClusterKillTest: killed member " + victim + ", started it again");
      awaitSafe(System.currentTimeMillis());
    }
    stopAndCheck(kills + " kills");
  }

  /**
   * All three members killed at once, and started again, once ({@code -Dwaymark.cluster.restarts=N}
   * sets how many times): the cluster restores its records from the members' own storage, and the
   * same checks hold.
   */
  @Test
  void wholeClusterKilledAndStartedAgainResumesEverything() throws Exception {
    int restarts = Integer.getInteger("waymark.cluster.restarts", 1);
    startAll();
    int commits = 0;
    for (int restart = 0; restart < restarts; restart++) {
      commits = awaitCommits(commits + 30);
      for (int i = 0; i < 3; i++) {
        kill(i);
      }
      for (int i = 0; i < 3; i++) {
        start(i);
      }
      for (int i = 0; i < 3; i++) {
        awaitUp(i);
      }
      System.out.println("ClusterKillTest: killed all three members, started them again");
    }
    awaitCommits(commits + 60); // the stream goes on: 20 workflows at least in all
    stopAndCheck(restarts + " kills of the whole cluster");
  }

  /**
   * Two of the three members killed at once, and started again, once ({@code
   * -Dwaymark.cluster.pairs=N} sets how many times): the records whose owner and backup were both
   * on them are lost from the cluster until they are back, then restored from their own storage,
   * and the same checks hold.
   */
  @Test
  void twoMembersKilledAtOnceLoseNothingOnceTheyAreBack() throws Exception {
    int pairs = Integer.getInteger("waymark.cluster.pairs", 1);
    Random random = new Random();
    startAll();
    int commits = 0;
    for (int round = 0; round < pairs; round++) {
      commits = awaitCommits(commits + 30);
      int spared = random.nextInt(3);
      for (int i = 0; i < 3; i++) {
        if (i != spared) {
          kill(i);
        }
      }
      for (int i = 0; i < 3; i++) {
        if (i != spared) {
          start(i);
        }
      }
      for (int i = 0; i < 3; i++) {
        if (i != spared) {
          awaitUp(i);
        }
      }
      System.out.println("ClusterKillTest: killed two members at once, started them again");
      awaitSafe(System.currentTimeMillis());
    }
    awaitCommits(commits + 60); // the stream goes on: 20 workflows at least in all
    stopAndCheck(pairs + " kills of two members at once");
  }

  private void startAll() throws Exception {
    for (int i = 0; i < 3; i++) {
      start(i);
    }
    for (int i = 0; i < 3; i++) {
      awaitUp(i);
    }
  }

  /** Kills member {@code index} with SIGKILL, and starts it again. */
  private void restart(int index) throws Exception {
    kill(index);
    start(index);
    awaitUp(index);
  }

  private void kill(int index) throws InterruptedException {
    assertEquals(137, ChildJvm.kill(children[index]));
    killedSteps.add(steps(index, incarnation[index]));
    incarnation[index]++;
  }

  private void awaitUp(int index) throws Exception {
    ChildJvm.awaitLine(children[index], output(index, incarnation[index]), "UP", START);
  }

  /**
   * Stops the stream, waits for every member to end its workflows, and checks what their logs show.
   */
  private void stopAndCheck(String what) throws Exception {
    Files.createFile(stop);
    for (int i = 0; i < 3; i++) {
      ChildJvm.awaitLine(
          children[i], output(i, incarnation[i]), "ALL-DONE", Duration.ofSeconds(180));
    }

    Map<String, Long> done = new HashMap<>();
    Map<String, Integer> starts = new HashMap<>();
    Set<String> committed = new HashSet<>();
    Map<String, Integer> leftInFlight = new HashMap<>();
    Set<String> recorded = new HashSet<>();
    int lent = 0;
    int lost = 0;
    try (var files = Files.list(dir)) {
      // Only the logs: the members still write their state files, replacing them as they go.
      List<Path> logs =
          files
              .filter(f -> f.getFileName().toString().matches("(out|steps)-.*"))
              .filter(Files::isRegularFile)
              .toList();
      for (Path file : logs) {
        String fileName = file.getFileName().toString();
        for (String line : Files.readAllLines(file)) {
          String[] words = line.split(" ");
          if (fileName.startsWith("out-")) {
            assertTrue(!line.startsWith("FAILED"), fileName + ": " + line);
            if (line.startsWith("DONE ")) {
              done.put(words[1], Long.parseLong(words[2]));
            }
          } else if (words[0].equals("LENT")) {
            lent++;
          } else if (words[0].equals("LOST")) {
            // Its attempt was lost with the member it was lent to, which must have been killed.
            int member = Integer.parseInt(words[3]) - BASE_PORT;
            assertTrue(
                killedSteps.stream()
                    .anyMatch(f -> f.getFileName().toString().startsWith("steps-" + member + "-")),
                line + ": member " + member + " was never killed");
            leftInFlight.merge(words[1] + " " + words[2], 1, Integer::sum);
            lost++;
          } else if (words.length == 3 && (words[0].equals("START") || words[0].equals("COMMIT"))) {
            String step = words[1] + " " + words[2];
            recorded.add(words[1]);
            if (words[0].equals("START")) {
              starts.merge(step, 1, Integer::sum);
            } else {
              committed.add(step);
            }
          }
        }
        if (fileName.startsWith("steps-")) {
          // Left in flight: every step of a member killed, and the steps of the runs a member
          // stopped (its cluster below the quorum: their last write's outcome is unknown).
          Set<String> stopped = killedSteps.contains(file) ? null : stoppedRuns(file);
          leftInFlight(file, stopped)
              .forEach((step, n) -> leftInFlight.merge(step, n, Integer::sum));
        }
      }
    }
    assertTrue(recorded.size() >= 20, "the stream ran: " + recorded.size() + " workflows");
    assertTrue(lent > 0, "the members ran steps of the workflows others drove");
    for (String workflowId : recorded) {
      int n = Integer.parseInt(workflowId.substring(3));
      assertEquals(Chain.expected(n), done.get(workflowId), workflowId + "'s result");
    }
    int reruns = 0;
    for (Map.Entry<String, Integer> step : starts.entrySet()) {
      assertTrue(
          committed.contains(step.getKey()) || leftInFlight.containsKey(step.getKey()),
          step.getKey()
              + " committed (or its member was killed, or stopped its run, before it could say"
              + " so)");
      int allowed = 1 + leftInFlight.getOrDefault(step.getKey(), 0);
      assertTrue(
          step.getValue() <= allowed,
          step.getKey()
              + " ran "
              + step.getValue()
              + " times; left in flight by a killed member or a stopped run "
              + (allowed - 1));
      reruns += step.getValue() - 1;
    }
    System.out.println(
        "ClusterKillTest: "
            + recorded.size()
            + " workflows, "
            + starts.size()
            + " steps, "
            + reruns
            + " steps ran again after "
            + what
            + "; "
            + lent
            + " steps ran on a member other than their driver, "
            + lost
            + " attempts were lost with it");
  }

  /** The workflows whose runs the member of a steps log stopped (they stay resumable). */
  private Set<String> stoppedRuns(Path steps) throws IOException {
    Path out = dir.resolve(steps.getFileName().toString().replace("steps-", "out-"));
    Set<String> stopped = new HashSet<>();
    for (String line : Files.readAllLines(out)) {
      int at = line.indexOf("workflow 'wf-");
      if (at >= 0 && line.contains("' stopped and stays resumable")) {
        int from = at + "workflow '".length();
        stopped.add(line.substring(from, line.indexOf('\'', from)));
      }
    }
    return stopped;
  }

  /**
   * The steps a member's log shows left in flight, with how many times: started again before they
   * committed, or not committed at its end. Only those of the workflows in {@code stopped} (the
   * runs the member stopped) count, or all when it is null (the member was killed).
   */
  private static Map<String, Integer> leftInFlight(Path steps, Set<String> stopped)
      throws IOException {
    Set<String> open = new HashSet<>();
    Map<String, Integer> left = new HashMap<>();
    for (String line : Files.readAllLines(steps)) {
      String[] words = line.split(" ");
      if (words.length != 3) {
        continue; // the last line, cut by the kill
      }
      String step = words[1] + " " + words[2];
      switch (words[0]) {
        case "START" -> {
          if (!open.add(step)) {
            left.merge(step, 1, Integer::sum); // its earlier run stopped before it committed
          }
        }
        case "COMMIT" -> open.remove(step);
        default -> {}
      }
    }
    open.forEach(step -> left.merge(step, 1, Integer::sum));
    left.keySet().removeIf(step -> stopped != null && !stopped.contains(step.split(" ")[0]));
    return left;
  }

  /**
   * Waits until each member said, after {@code since}, that it sees all three and every record has
   * its backups: a member killed before then could take the only copy of some records with it.
   */
  private void awaitSafe(long since) throws Exception {
    long deadline = System.nanoTime() + START.toNanos();
    for (int i = 0; i < 3; i++) {
      Path state = dir.resolve("state-" + i);
      while (!Files.exists(state)
          || Files.getLastModifiedTime(state).toMillis() <= since
          || !Files.readString(state).equals("3 true")) {
        assertTrue(System.nanoTime() < deadline, "member " + i + " did not become safe");
        Thread.sleep(20);
      }
    }
  }

  /** Waits until the members' logs show at least {@code count} commits; returns how many. */
  private int awaitCommits(int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (true) {
      int seen = 0;
      try (var files = Files.list(dir)) {
        for (Path file :
            files.filter(f -> f.getFileName().toString().startsWith("steps-")).toList()) {
          for (String line : Files.readAllLines(file)) {
            if (line.startsWith("COMMIT ")) {
              seen++;
            }
          }
        }
      }
      if (seen >= count) {
        return seen;
      }
      assertTrue(System.nanoTime() < deadline, "only " + seen + " commits of " + count);
      Thread.sleep(50);
    }
  }

  private void start(int index) throws IOException {
    stop = dir.resolve("stop");
    children[index] =
        ChildJvm.start(
            output(index, incarnation[index]),
            List.of(
                "-Dorg.slf4j.simpleLogger.log.com.hazelcast=warn", "-Dwaymark.cluster.debug=true"),
            ClusterMember.class,
            dir.resolve("member-" + index).toString(),
            name,
            Integer.toString(BASE_PORT),
            Integer.toString(index),
            steps(index, incarnation[index]).toString(),
            stop.toString(),
            dir.resolve("state-" + index).toString());
  }

  private Path output(int index, int incarnation) {
    return dir.resolve("out-" + index + "-" + incarnation + ".txt");
  }

  private Path steps(int index, int incarnation) {
    return dir.resolve("steps-" + index + "-" + incarnation + ".txt");
  }
}
