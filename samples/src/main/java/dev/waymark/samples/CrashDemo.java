package dev.waymark.samples;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowStatus;
import dev.waymark.annotations.Step;
import dev.waymark.exceptions.WorkflowNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A ten-step workflow that kills its own JVM (SIGKILL) in the middle of step 6 the first time it
 * runs. Run the same command again: it resumes, restores steps 1 to 5 from their checkpoints and
 * executes only steps 6 to 10. Run it a third time and it prints the stored result; {@code --reset}
 * deletes the workflow to start over.
 */
public final class CrashDemo {
  static final String WORKFLOW_ID = "crash-demo";
  static final int STEPS = 10;
  static final int CRASH_IN_STEP = 6;

  private static volatile boolean crashArmed;
  private static final List<Integer> executedHere = new CopyOnWriteArrayList<>();

  private CrashDemo() {}

  /** One stage of the demo: pretends to work, then adds its number to the running total. */
  @Step
  static long stage(int number, long total) throws IOException, InterruptedException {
    System.out.printf("  step %2d: running%n", number);
    executedHere.add(number);
    Thread.sleep(200);
    if (crashArmed && number == CRASH_IN_STEP) {
      System.out.printf(
          "  step %2d: simulating a crash: kill -9 %d%n", number, ProcessHandle.current().pid());
      System.out.flush();
      killThisJvm();
    }
    return total + number * number;
  }

  static Workflow<Long> workflow() {
    Workflow<Long> total = Workflow.of(0L);
    for (int i = 1; i <= STEPS; i++) {
      total = CrashDemoSteps.stage(Workflow.of(i), total);
    }
    return total;
  }

  private static void killThisJvm() throws IOException, InterruptedException {
    String pid = Long.toString(ProcessHandle.current().pid());
    new ProcessBuilder("kill", "-9", pid).inheritIO().start().waitFor();
    Runtime.getRuntime().halt(137); // only reached where there is no kill command
  }

  public static void main(String[] args) {
    Waymark waymark = Waymark.shared();
    if (List.of(args).contains("--reset")) {
      try {
        waymark.delete(WORKFLOW_ID);
        System.out.println("deleted workflow '" + WORKFLOW_ID + "'");
      } catch (WorkflowNotFoundException nothingToDelete) {
        // first use
      }
    }
    WorkflowStatus before;
    try {
      before = waymark.getStatus(WORKFLOW_ID);
    } catch (WorkflowNotFoundException e) {
      before = null;
    }
    System.out.println("storage: " + waymark.storage());
    if (before == null) {
      System.out.println(
          "workflow '"
              + WORKFLOW_ID
              + "' is new: running "
              + STEPS
              + " steps; this JVM will be killed in step "
              + CRASH_IN_STEP);
      crashArmed = true;
    } else {
      System.out.println("workflow '" + WORKFLOW_ID + "' is " + before + ": running it again");
    }
    long result = workflow().run(WORKFLOW_ID);
    List<Integer> restored = new java.util.ArrayList<>();
    for (int i = 1; i <= STEPS; i++) {
      if (!executedHere.contains(i)) {
        restored.add(i);
      }
    }
    System.out.println("result: " + result + " (sum of squares 1..10 = 385)");
    System.out.println("steps executed in this JVM:      " + executedHere);
    System.out.println("steps restored from checkpoints: " + restored);
    if (before == WorkflowStatus.SUCCESSFUL) {
      System.out.println("(already finished: nothing ran; pass --reset to start over)");
    }
  }
}
