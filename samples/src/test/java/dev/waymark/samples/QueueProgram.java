package dev.waymark.samples;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.annotations.Step;
import dev.waymark.exceptions.WorkflowCancelledException;
import java.nio.file.Path;

/**
 * Child program. {@code queue}: with one running slot and one pending slot, submits two slow chains
 * ("b-running" runs, "a-pending" waits) and waits. {@code long}: runs one slow chain and reports
 * how it ended.
 */
public final class QueueProgram {
  private QueueProgram() {}

  /** A step of 200 ms that logs its start, for a workflow long enough to cancel midway. */
  @Step
  static int slow(int index, int total) throws Exception {
    java.nio.file.Files.writeString(
        CrashChain.log,
        index + "\n",
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    Thread.sleep(200);
    return total + index;
  }

  public static void main(String[] args) throws Exception {
    Path storage = Path.of(args[0]);
    CrashChain.log = storage.resolveSibling("chain.log");
    if (args[1].equals("queue")) {
      try (Waymark waymark =
          Waymark.builder().storage(storage).maxRunning(1).maxPending(1).build()) {
        waymark.runAsync(CrashChain.chain(), "b-running");
        waymark.runAsync(CrashChain.chain(), "a-pending");
        System.out.println("submitted");
        Thread.sleep(60_000);
      }
    } else {
      try (Waymark waymark = Waymark.open(storage)) {
        Workflow<Integer> chain = Workflow.of(0);
        for (int i = 0; i < 50; i++) {
          chain = QueueProgramSteps.slow(Workflow.of(i), chain);
        }
        System.out.println("result=" + waymark.run(chain, "long"));
      } catch (WorkflowCancelledException e) {
        System.out.println("canceled: " + e.getMessage());
      }
    }
  }
}
