package dev.waymark.samples;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowInfo;
import dev.waymark.WorkflowStatus;
import dev.waymark.annotations.Step;
import dev.waymark.exceptions.WorkflowNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The child program of the stream crash tests: many short workflows at once, each a chain of three
 * steps that log each execution ({@code <workflow> <step>}) before they return.
 *
 * <ul>
 *   <li>{@code stream STORAGE LOG PREFIX COUNT}: runs COUNT workflows {@code PREFIX-0}, ... at
 *       once; prints {@code done N} as every 25th finishes, then {@code all done}.
 *   <li>{@code resume STORAGE LOG}: resumes every interrupted workflow; prints {@code resumed N}.
 *   <li>{@code watch STORAGE STOPFILE}: lists and reads statuses until STOPFILE exists; prints
 *       {@code watching} after its first round, then {@code reads=R wrong=W} (a wrong read: a
 *       status that went back from SUCCESSFUL, or an error other than a deletion).
 * </ul>
 */
public final class StreamProgram {
  static final int STEPS = 3;
  static Path log;

  /** Released once every workflow of a stream was submitted: no step runs before. */
  static final CountDownLatch SUBMITTED = new CountDownLatch(1);

  private StreamProgram() {}

  @Step
  static int hop(String workflow, int step, int total) throws IOException, InterruptedException {
    SUBMITTED.await();
    Files.write(
        log,
        (workflow + " " + step + "\n").getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    return total + step;
  }

  static Workflow<Integer> chain(String id) {
    Workflow<Integer> total = Workflow.of(0);
    for (int step = 0; step < STEPS; step++) {
      total = StreamProgramSteps.hop(Workflow.of(id), Workflow.of(step), total);
    }
    return total;
  }

  public static void main(String[] args) throws Exception {
    try (Waymark waymark = Waymark.open(Path.of(args[1]))) {
      switch (args[0]) {
        case "stream" -> stream(waymark, Path.of(args[2]), args[3], Integer.parseInt(args[4]));
        case "resume" -> resume(waymark, Path.of(args[2]));
        case "watch" -> watch(waymark, Path.of(args[2]));
        default -> throw new IllegalArgumentException(args[0]);
      }
    }
  }

  private static void stream(Waymark waymark, Path logFile, String prefix, int count) {
    log = logFile;
    AtomicInteger done = new AtomicInteger();
    List<CompletableFuture<Integer>> runs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = prefix + "-" + i;
      runs.add(
          waymark
              .runAsync(chain(id), id)
              .whenComplete(
                  (result, failure) -> {
                    int n = done.incrementAndGet();
                    if (n % 25 == 0) {
                      System.out.println("done " + n);
                    }
                  }));
    }
    SUBMITTED.countDown();
    runs.forEach(CompletableFuture::join);
    System.out.println("all done");
  }

  private static void resume(Waymark waymark, Path logFile) {
    log = logFile;
    SUBMITTED.countDown();
    Map<String, CompletableFuture<Object>> resumed = waymark.resumeAll(false);
    resumed.values().forEach(CompletableFuture::join);
    System.out.println("resumed " + resumed.size());
  }

  private static void watch(Waymark waymark, Path stop) {
    Map<String, WorkflowStatus> seen = new java.util.HashMap<>();
    int reads = 0;
    int wrong = 0;
    boolean announced = false;
    while (!Files.exists(stop)) {
      for (WorkflowInfo info : waymark.list()) {
        try {
          WorkflowStatus status = waymark.getStatus(info.workflowId());
          reads++;
          WorkflowStatus before = seen.put(info.workflowId(), status);
          if (before == WorkflowStatus.SUCCESSFUL && status != WorkflowStatus.SUCCESSFUL) {
            wrong++;
            System.out.println("wrong: " + info.workflowId() + " " + before + " -> " + status);
          }
        } catch (WorkflowNotFoundException deleted) {
          // not in this test
        } catch (RuntimeException e) {
          wrong++;
          System.out.println("wrong: " + e);
        }
      }
      if (!announced) {
        System.out.println("watching");
        announced = true;
      }
    }
    System.out.println("reads=" + reads + " wrong=" + wrong);
  }
}
