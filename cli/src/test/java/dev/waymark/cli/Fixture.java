package dev.waymark.cli;

import dev.waymark.ClusterOptions;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowStatus;
import dev.waymark.annotations.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Child JVMs of the CLI's tests. {@code populate DIR} leaves one workflow of each status that
 * stays: {@code done} (SUCCESSFUL), {@code failed} (FAILED), {@code canceled} (CANCELED) and {@code
 * stopped} (RESUMABLE, asleep for 2 s when its runtime closed). {@code hold DIR} runs {@code held}
 * (an hour's sleep) with {@code queued} waiting PENDING behind it, prints {@code HOLDING}, and
 * prints {@code held ended: ...} when it ends.
 */
public final class Fixture {
  private Fixture() {}

  @Step
  static String greet(String name) {
    return "hello " + name;
  }

  @Step
  static String shout(String text) {
    return text.toUpperCase();
  }

  @Step
  static String explode(String text) {
    throw new IllegalStateException("exploded on " + text);
  }

  @Step
  static String woke(Instant at) {
    return "woke";
  }

  static Workflow<String> greeting(String name) {
    return FixtureSteps.shout(FixtureSteps.greet(Workflow.of(name)));
  }

  public static void main(String[] args) throws Exception {
    Path storage = Path.of(args[0]);
    if (args[1].equals("cluster")) {
      member(storage, args[2], Integer.parseInt(args[3]));
      return;
    }
    // one workflow runs at a time: the holder's second one waits PENDING
    try (Waymark waymark =
        Waymark.builder().storage(storage).maxRunning(1).maxPending(10).build()) {
      if (args[1].equals("populate")) {
        waymark.run(greeting("ada"), "done");
        try {
          waymark.run(FixtureSteps.explode(FixtureSteps.greet(Workflow.of("bob"))), "failed");
        } catch (RuntimeException expected) {
          // FAILED is what it is for
        }
        waymark.runAsync(Workflow.sleep(Duration.ofHours(1)), "canceled");
        awaitRunning(waymark, "canceled");
        waymark.cancel("canceled");
        waymark.runAsync(FixtureSteps.woke(Workflow.sleep(Duration.ofSeconds(2))), "stopped");
        awaitRunning(waymark, "stopped");
      } else {
        CompletableFuture<Instant> held =
            waymark.runAsync(Workflow.sleep(Duration.ofHours(1)), "held");
        awaitRunning(waymark, "held");
        waymark.runAsync(Workflow.sleep(Duration.ofHours(1)), "queued");
        while (waymark.getStatus("queued") != WorkflowStatus.PENDING) {
          Thread.sleep(1);
        }
        System.out.println("HOLDING");
        System.out.flush();
        try {
          held.join();
          System.out.println("held ended: done");
        } catch (RuntimeException e) {
          System.out.println("held ended: " + e.getCause().getClass().getSimpleName());
        }
        System.out.flush();
      }
    }
  }

  /**
   * A cluster of one member, {@code NAME} on loopback port {@code PORT}: runs {@code done}, starts
   * {@code held} (asleep for an hour), prints {@code MEMBER-UP} and stays until killed.
   */
  private static void member(Path storage, String name, int port) throws Exception {
    ClusterOptions options =
        new ClusterOptions(name, "127.0.0.1", port, List.of("127.0.0.1:" + port), 1, 1);
    Waymark waymark = Waymark.builder().storage(storage).cluster(options).build();
    waymark.run(greeting("ada"), "done");
    waymark.runAsync(Workflow.sleep(Duration.ofHours(1)), "held");
    awaitRunning(waymark, "held");
    System.out.println("MEMBER-UP");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  private static void awaitRunning(Waymark waymark, String id) throws InterruptedException {
    while (waymark.getStatus(id) != WorkflowStatus.RUNNING) {
      Thread.sleep(1);
    }
  }
}
