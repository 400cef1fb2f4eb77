package dev.waymark.benchmarks.resume;

import dev.waymark.Waymark;
import dev.waymark.benchmarks.steps.ResumeChain;
import dev.waymark.benchmarks.steps.Trivial;
import dev.waymark.exceptions.WorkflowExecutionException;
import java.nio.file.Path;

/**
 * The child JVM of the resume benchmark. {@code build STORAGE fail|hang} runs the workflow until
 * its last step (which fails, or blocks to be killed); {@code resume STORAGE fresh|warm SCRATCH}
 * times {@code Waymark.open} plus {@code resume} until the last step's body starts, in a JVM that
 * has not used Waymark yet ({@code fresh}) or has run a small workflow first ({@code warm}).
 */
public final class ResumeChild {
  static final String ID = "resume-me";
  static final int COMMITTED = 1_000_000;

  private ResumeChild() {}

  public static void main(String[] args) throws Exception {
    Path storage = Path.of(args[1]);
    if (args[0].equals("build")) {
      build(storage, args[2].equals("hang") ? ResumeChain.Mode.HANG : ResumeChain.Mode.FAIL);
    } else {
      resume(storage, args[2].equals("warm"), Path.of(args[3]));
    }
  }

  private static void build(Path storage, ResumeChain.Mode mode) {
    ResumeChain.mode(mode);
    long start = System.nanoTime();
    try (Waymark waymark = Waymark.open(storage)) {
      waymark.run(ResumeChain.workflow(COMMITTED), ID);
      throw new IllegalStateException("the last step should have failed");
    } catch (WorkflowExecutionException expected) {
      System.out.printf(
          "built: %,d committed steps in %d ms%n",
          COMMITTED, (System.nanoTime() - start) / 1_000_000);
    }
  }

  private static void resume(Path storage, boolean warm, Path scratch) {
    ResumeChain.mode(ResumeChain.Mode.RUN);
    if (warm) {
      try (Waymark waymark = Waymark.open(scratch)) {
        waymark.run(Trivial.chain(100), "warm-up");
      }
    }
    long start = System.nanoTime();
    try (Waymark waymark = Waymark.open(storage)) {
      long opened = System.nanoTime();
      int result = waymark.resume(ID);
      long done = System.nanoTime();
      if (result != COMMITTED + 1) {
        throw new IllegalStateException("resume returned " + result);
      }
      System.out.println(
          "open_ns="
              + (opened - start)
              + " first_step_ns="
              + (ResumeChain.startedAt() - start)
              + " total_ns="
              + (done - start));
    }
  }
}
