package dev.waymark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.WorkflowGraph;
import dev.waymark.WorkflowStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three runtimes of one cluster on loopback, in this JVM, each running one step at once: a member
 * that dies while it runs a step of a workflow another member drives loses that attempt, as the
 * driver's own death would, and the step runs again.
 */
@Timeout(120)
class LenderLeftTest {
  @TempDir static Path dir;

  private static final List<Waymark> members = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws InterruptedException {
    members.addAll(LoopbackCluster.start(dir, "lender", 5941, 1));
  }

  @AfterAll
  static void stopCluster() {
    for (Waymark member : members) {
      try {
        member.close();
      } catch (RuntimeException e) {
        // the member whose cluster was stopped dead
      }
    }
  }

  @Test
  void anAttemptLostWithTheMemberRunningItCountsAndTheStepRunsAgain() throws Exception {
    var run = members.get(0).runAsync(Fan.wide(12, i -> FanSteps.killsItsLender(i)), "lender-left");
    try {
      run.join();
    } catch (RuntimeException e) {
      // the member asked forwarded the run to the driver, and was the one stopped
    }
    assertTrue(Fan.KILLED.get(), "a member ran a step of another's workflow, and died");
    Waymark alive = null;
    while (alive == null) {
      for (Waymark member : members) {
        try {
          if (member.getStatus("lender-left") == WorkflowStatus.SUCCESSFUL) {
            alive = member;
            break;
          }
        } catch (RuntimeException e) {
          // the member stopped dead
        }
      }
      Thread.sleep(20);
    }
    List<String> ran = alive.getOutput("lender-left");
    List<Integer> again = new ArrayList<>();
    for (int i = 0; i < ran.size(); i++) {
      if (ran.get(i).startsWith("2 ")) {
        again.add(i);
      } else {
        assertEquals("1 " + i, ran.get(i));
      }
    }
    assertEquals(1, again.size(), "one step ran again: " + ran);
    String task = again.get(0) == 0 ? "killsItsLender" : "killsItsLender_" + again.get(0);
    WorkflowGraph.Task lost =
        alive.graph("lender-left").tasks().stream()
            .filter(t -> t.taskId().equals(task))
            .findFirst()
            .orElseThrow();
    assertEquals(1, lost.failedAttempts(), lost.toString());
  }
}
