package dev.waymark.samples;

import dev.waymark.Checkpointer;
import dev.waymark.StepContext;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.annotations.Step;
import dev.waymark.exceptions.WorkflowStillActiveException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * The child program of {@link SharedStorageTest}: JVMs that share one storage directory. Steps
 * coordinate with the test through marker files in a sync directory: a step says it has started by
 * creating a file and waits, with a time limit, for another one to appear.
 *
 * <p>Arguments: storage directory, sync directory, mode, workflow id, then the mode's own:
 *
 * <ul>
 *   <li>{@code meet ME PARTNER}: runs {@link #meeting}, whose step waits inside until the partner
 *       JVM's step has started too; prints {@code result=...}
 *   <li>{@code run}: runs {@link #gated}, whose second step waits for the file {@code ID.release};
 *       prints {@code result=...}
 *   <li>{@code resume}: resumes workflow ID, whichever it is; prints {@code result=...}
 *   <li>{@code churn}: runs {@link #churned}, whose second step saves checkpoints without pause
 *       until the file {@code ID.release} appears; prints {@code result=...}
 *   <li>{@code intrude}: asks to run and then to resume {@link #gated}; prints each refusal as
 *       {@code refused NAME: MESSAGE} and exits with 0 only if both were refused
 * </ul>
 */
public final class SharedStorageProgram {
  /** How long a step waits for a marker file before it fails. */
  static final long WAIT_SECONDS = 60;

  static Path sync;

  private SharedStorageProgram() {}

  /** Says {@code me} has started, then waits until {@code partner} has too. */
  @Step
  static String meet(String me, String partner) throws IOException, InterruptedException {
    Files.createFile(sync.resolve(me + ".started"));
    awaitFile(sync.resolve(partner + ".started"));
    return me + " met " + partner;
  }

  @Step
  static String shout(String text) {
    return text.toUpperCase(java.util.Locale.ROOT) + "!";
  }

  static Workflow<String> meeting(String me, String partner) {
    return SharedStorageProgramSteps.shout(SharedStorageProgramSteps.meet(me, partner));
  }

  /** Logs its run to {@code ID.log} and returns 41. */
  @Step
  static int prepare(String id) throws IOException {
    log(id, "prepare");
    return 41;
  }

  /** Says it holds by creating {@code ID.holding}, then waits for {@code ID.release}. */
  @Step
  static int hold(int value, String id) throws IOException, InterruptedException {
    log(id, "hold");
    Path holding = sync.resolve(id + ".holding");
    if (!Files.exists(holding)) {
      Files.createFile(holding);
    }
    awaitFile(sync.resolve(id + ".release"));
    return value + 1;
  }

  static Workflow<Integer> gated(String id) {
    return SharedStorageProgramSteps.hold(SharedStorageProgramSteps.prepare(id), Workflow.of(id));
  }

  /**
   * Saves an intra-step checkpoint in a tight loop, so the step writes to its Chronicle Map all the
   * time; after 100 saves says it is under way by creating {@code ID.holding}, and stops once
   * {@code ID.release} exists. Logs where it started from.
   */
  @Step
  static int churn(int value, String id) throws IOException {
    Checkpointer<Integer> checkpoint = StepContext.current().checkpointer();
    int saved = checkpoint.load().orElse(0);
    log(id, "churn from " + saved);
    Path holding = sync.resolve(id + ".holding");
    Path release = sync.resolve(id + ".release");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    for (int i = saved + 1; ; i++) {
      checkpoint.save(i);
      if (i == saved + 100 && !Files.exists(holding)) {
        Files.createFile(holding);
      }
      if (i % 64 == 0) {
        if (Files.exists(release)) {
          return value + 1;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("gave up waiting for " + release.getFileName());
        }
      }
    }
  }

  static Workflow<Integer> churned(String id) {
    return SharedStorageProgramSteps.churn(SharedStorageProgramSteps.prepare(id), Workflow.of(id));
  }

  private static void log(String id, String line) throws IOException {
    Files.write(
        sync.resolve(id + ".log"),
        (line + "\n").getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private static void awaitFile(Path file) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!Files.exists(file)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("gave up waiting for " + file.getFileName());
      }
      Thread.sleep(5);
    }
  }

  public static void main(String[] args) {
    sync = Path.of(args[1]);
    String mode = args[2];
    String id = args[3];
    int refused = 0;
    try (Waymark waymark = Waymark.open(Path.of(args[0]))) {
      switch (mode) {
        case "meet" -> System.out.println("result=" + waymark.run(meeting(args[4], args[5]), id));
        case "run" -> System.out.println("result=" + waymark.run(gated(id), id));
        case "churn" -> System.out.println("result=" + waymark.run(churned(id), id));
        case "resume" -> System.out.println("result=" + waymark.resume(id));
        case "intrude" -> {
          try {
            System.out.println("ran: " + waymark.run(gated(id), id));
          } catch (WorkflowStillActiveException e) {
            System.out.println("refused run: " + e.getMessage());
            refused++;
          }
          try {
            System.out.println("resumed: " + waymark.resume(id));
          } catch (WorkflowStillActiveException e) {
            System.out.println("refused resume: " + e.getMessage());
            refused++;
          }
          System.out.println("status=" + waymark.getStatus(id));
        }
        default -> throw new IllegalArgumentException(mode);
      }
    }
    if (mode.equals("intrude") && refused != 2) {
      System.exit(1);
    }
  }
}
