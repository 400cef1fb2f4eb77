package dev.waymark.cluster;

import dev.waymark.ClusterOptions;
import dev.waymark.Waymark;
import dev.waymark.WaymarkEvent;
import dev.waymark.WorkflowInfo;
import dev.waymark.exceptions.WorkflowExecutionException;
import dev.waymark.exceptions.WorkflowStillActiveException;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A member of the cluster of {@link ClusterKillTest}, in a child JVM: {@code STORAGE NAME BASE_PORT
 * INDEX STEP_LOG STOP_FILE STATE_FILE}. It joins the three-member cluster on loopback ports from
 * {@code BASE_PORT}, as member {@code INDEX}, and prints {@code UP} once every record has its
 * backups; from then on, {@code STATE_FILE} says every 100 ms how many members it sees and whether
 * every record has its backups ({@code 3 true}). Its runtime writes {@code START id task} and
 * {@code COMMIT id task} to {@code STEP_LOG} for each step it drives, {@code LOST id task PORT} for
 * an attempt lost with the member it was lent to, and {@code LENT id task} for each step another
 * member lent it.
 *
 * <p>Then it streams its share of the workflows ({@code wf-n} for every n equal to {@code INDEX}
 * modulo 3), three at a time, and prints {@code DONE id result} for each: first again every one of
 * its share the cluster lists (an earlier run of this member, killed, asked for them), then new
 * ones until {@code STOP_FILE} exists. It prints {@code ALL-DONE} once all have ended, and stays a
 * member until it is killed.
 */
public final class ClusterMember {
  private static final int AT_ONCE = 3;

  private ClusterMember() {}

  public static void main(String[] args) throws Exception {
    int base = Integer.parseInt(args[2]);
    int index = Integer.parseInt(args[3]);
    PrintStream steps = new PrintStream(new FileOutputStream(args[4], true), true);
    Chain.lentLog = steps;
    Path stop = Path.of(args[5]);
    List<String> members =
        List.of("127.0.0.1:" + base, "127.0.0.1:" + (base + 1), "127.0.0.1:" + (base + 2));
    Waymark waymark =
        Waymark.builder()
            .storage(Path.of(args[0]))
            .parallelism(2) // steps of the workflows a member drives spill over to the others
            .cluster(new ClusterOptions(args[1], "127.0.0.1", base + index, members, 1, 2))
            .listener(
                event -> {
                  if (event instanceof WaymarkEvent.StepStarted started) {
                    steps.println("START " + started.workflowId() + " " + started.taskId());
                  } else if (event instanceof WaymarkEvent.StepCommitted committed) {
                    steps.println("COMMIT " + committed.workflowId() + " " + committed.taskId());
                  } else if (event instanceof WaymarkEvent.StepRetried retried
                      && lostWith(retried.error()) != null) {
                    steps.println(
                        "LOST "
                            + retried.workflowId()
                            + " "
                            + retried.taskId()
                            + " "
                            + lostWith(retried.error()));
                  }
                })
            .build();
    while (!waymark.clusterSafe()) {
      Thread.sleep(20);
    }
    Path state = Path.of(args[6]);
    Thread reporter =
        new Thread(
            () -> {
              while (true) {
                report(waymark, state);
              }
            });
    reporter.setDaemon(true);
    reporter.start();
    System.out.println("UP");

    List<Integer> again = new ArrayList<>();
    int next = index;
    for (WorkflowInfo listed : listed(waymark)) {
      int n = Integer.parseInt(listed.workflowId().substring(3));
      if (n % 3 == index) {
        again.add(n);
        next = Math.max(next, n + 3);
      }
    }
    ExecutorService threads = Executors.newFixedThreadPool(AT_ONCE);
    again.forEach(n -> threads.execute(() -> ask(waymark, n)));
    AtomicInteger counter = new AtomicInteger(next);
    for (int i = 0; i < AT_ONCE; i++) {
      threads.execute(
          () -> {
            while (!Files.exists(stop)) {
              ask(waymark, counter.getAndAdd(3));
            }
          });
    }
    threads.shutdown();
    threads.awaitTermination(1, TimeUnit.DAYS);
    System.out.println("ALL-DONE");
    Thread.sleep(Long.MAX_VALUE);
  }

  /**
   * The port of the member whose departure lost an attempt, when {@code error} says so ("the member
   * of the cluster running it ([127.0.0.1]:5842) left"); else null.
   */
  private static String lostWith(Throwable error) {
    String message = error == null ? null : error.getMessage();
    if (message == null || !message.startsWith("the member of the cluster running it")) {
      return null;
    }
    return message.substring(message.indexOf("]:") + 2, message.indexOf(')'));
  }

  /** Writes, every 100 ms, how many members this one sees and whether they are safe. */
  private static void report(Waymark waymark, Path state) {
    try {
      String now = waymark.clusterMembers().size() + " " + waymark.clusterSafe();
      Path next = state.resolveSibling(state.getFileName() + ".next");
      Files.writeString(next, now);
      Files.move(next, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Thread.sleep(100);
    } catch (Exception e) {
      // shutting down
    }
  }

  /** The cluster's workflows, asked again while members come and go. */
  private static List<WorkflowInfo> listed(Waymark waymark) throws InterruptedException {
    while (true) {
      try {
        return waymark.list();
      } catch (RuntimeException e) {
        System.out.println("AGAIN list " + e);
        Thread.sleep(200);
      }
    }
  }

  /** Runs {@code wf-n} to its end, asking again while the cluster is in the middle of a change. */
  private static void ask(Waymark waymark, int n) {
    String id = "wf-" + n;
    for (int attempt = 1; ; attempt++) {
      try {
        long result;
        try {
          result = waymark.run(Chain.of(n), id);
        } catch (WorkflowStillActiveException running) {
          result = (Long) waymark.getOutput(id); // asked by this member before it was killed
        }
        System.out.println("DONE " + id + " " + result);
        return;
      } catch (WorkflowExecutionException failed) {
        System.out.println("FAILED " + id + " " + failed);
        return;
      } catch (RuntimeException e) {
        System.out.println("AGAIN " + id + " " + attempt + " " + e);
        try {
          Thread.sleep(200);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
