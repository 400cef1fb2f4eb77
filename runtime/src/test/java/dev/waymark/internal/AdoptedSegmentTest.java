package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowInfo;
import dev.waymark.WorkflowStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runtime that takes over a segment its former owner left holds none of that owner's runs: a
 * third runtime reads them RESUMABLE, not RUNNING.
 */
class AdoptedSegmentTest {
  @TempDir Path dir;

  @Test
  void aStoppedWorkflowInASegmentTakenOverReadsResumableElsewhere() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        "directories".equals(System.getProperty("waymark.storage.layout"))); // no segments there
    try (Waymark first = Waymark.open(dir)) {
      first.runAsync(Workflow.sleep(Duration.ofHours(1)), "stopped");
      while (first.getStatus("stopped") != WorkflowStatus.RUNNING) {
        Thread.sleep(1);
      }
    } // stopped: RESUMABLE, in a segment no one owns now
    try (Waymark taker = Waymark.open(dir)) {
      taker.run(TestSteps.inc(Workflow.of(1)), "taker"); // its first write takes that segment
      try (Waymark reader = Waymark.open(dir)) {
        assertEquals(WorkflowStatus.RESUMABLE, reader.getStatus("stopped"));
        assertEquals(
            List.of(
                new WorkflowInfo("stopped", WorkflowStatus.RESUMABLE),
                new WorkflowInfo("taker", WorkflowStatus.SUCCESSFUL)),
            reader.list());
      }
      assertEquals(WorkflowStatus.RESUMABLE, taker.getStatus("stopped"));
    }
  }
}
