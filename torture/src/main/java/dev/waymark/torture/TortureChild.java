package dev.waymark.torture;

import dev.waymark.Waymark;
import dev.waymark.exceptions.WorkflowExecutionException;
import java.nio.file.Path;

/**
 * The child program: runs (or resumes) the torture workflow of a seed under a workflow id, logging
 * its steps, and prints {@code result=VALUE}. A failed workflow prints {@code failed=...} and exits
 * with 3. The harness kills it with SIGKILL at random moments.
 *
 * <p>Arguments: storage directory, log file, seed, workflow id, {@code run} or {@code resume},
 * parallelism.
 */
public final class TortureChild {
  private TortureChild() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      System.err.println("usage: TortureChild STORAGE LOG SEED WORKFLOW_ID run|resume PARALLELISM");
      System.exit(2);
    }
    Path storage = Path.of(args[0]);
    long seed = Long.parseLong(args[2]);
    String workflowId = args[3];
    boolean resume = args[4].equals("resume");
    int parallelism = Integer.parseInt(args[5]);
    int exit = 0;
    try (EventLog log = new EventLog(Path.of(args[1]))) {
      Torture.logTo(log);
      try (Waymark waymark = Waymark.builder().storage(storage).parallelism(parallelism).build()) {
        Long result =
            resume
                ? waymark.resume(workflowId)
                : waymark.run(Workflows.of(Shape.of(seed)), workflowId);
        System.out.println("result=" + result);
      } catch (WorkflowExecutionException e) {
        System.out.println("failed=" + e);
        e.printStackTrace(System.out);
        exit = 3;
      }
    }
    System.out.flush();
    System.exit(exit);
  }
}
