package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowGraph;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowNotFoundException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A workflow's DAG with each task's state, built in code or read from storage, and drawn. */
class GraphTest {
  @TempDir Path dir;

  private static List<String> states(WorkflowGraph graph) {
    return graph.tasks().stream().map(t -> t.taskId() + "=" + t.state()).toList();
  }

  @Test
  void aDagBuiltInCodeIsAllPendingAndDrawsItsEdges() {
    WorkflowGraph graph =
        WorkflowGraph.of(
            TestSteps.add(TestSteps.inc(Workflow.of(1)), TestSteps.inc(Workflow.of(2))));
    assertEquals(List.of("inc=PENDING", "inc_1=PENDING", "add=PENDING"), states(graph));
    assertEquals(List.of("inc", "inc_1"), graph.tasks().get(2).inputs());
    assertEquals("dev.waymark.internal.TestSteps#add", graph.tasks().get(2).stepId());
    String dot = graph.toDot();
    assertTrue(dot.startsWith("digraph \"workflow\" {"), dot);
    assertTrue(dot.contains("\"inc\" -> \"add\";"), dot);
    assertTrue(dot.contains("\"inc_1\" -> \"add\";"), dot);
    String mermaid = graph.toMermaid();
    assertTrue(mermaid.startsWith("flowchart LR\n"), mermaid);
    assertTrue(mermaid.contains("  t2[\"add (pending)\"]:::pending\n"), mermaid);
    assertTrue(mermaid.contains("  t0 --> t2\n") && mermaid.contains("  t1 --> t2\n"), mermaid);
  }

  @Test
  void aFailedWorkflowShowsWhatCommittedAndWhatFailed() {
    try (Waymark waymark = Waymark.open(dir)) {
      // a chain, so that what ran before the failure does not depend on timing
      assertThrows(
          Exception.class,
          () ->
              waymark.run(TestSteps.inc(TestSteps.fail(TestSteps.inc(Workflow.of(1)))), "failing"));
      WorkflowGraph graph = waymark.graph("failing");
      assertEquals(WorkflowStatus.FAILED, graph.status());
      assertEquals(List.of("inc=COMMITTED", "fail=FAILED", "inc_1=PENDING"), states(graph));
      WorkflowGraph.Task inc = graph.tasks().get(0);
      assertNotNull(inc.start());
      assertNotNull(inc.end());
      assertEquals(1, graph.tasks().get(1).failedAttempts());
      assertNull(graph.tasks().get(2).end());
      assertTrue(graph.toDot().contains("fail (failed), 1 failed"), graph.toDot());
      assertThrows(WorkflowNotFoundException.class, () -> waymark.graph("nothing"));
    }
  }

  @Test
  void aCrashedWorkflowShowsItsCommitsAndIsResumable() {
    // an injected crash needs segments; the former layout says so (CrashInjectionTest)
    org.junit.jupiter.api.Assumptions.assumeFalse(
        "directories".equals(System.getProperty("waymark.storage.layout")));
    RunHooks.install(dir, Crashes.afterCommit("inc_1"));
    try {
      try (Waymark waymark = Waymark.open(dir)) {
        assertThrows(
            Exception.class,
            () -> waymark.run(TestSteps.inc(TestSteps.inc(TestSteps.inc(Workflow.of(1)))), "c"));
      }
    } finally {
      RunHooks.install(dir, null);
    }
    try (Waymark waymark = Waymark.open(dir)) {
      WorkflowGraph graph = waymark.graph("c");
      assertEquals(WorkflowStatus.RESUMABLE, graph.status());
      assertEquals(List.of("inc=COMMITTED", "inc_1=COMMITTED", "inc_2=PENDING"), states(graph));
    }
  }
}
