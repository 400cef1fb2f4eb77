package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.WorkflowStatus;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.Storages;
import dev.waymark.internal.storage.WorkflowStore;
import dev.waymark.test.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many short workflows at once in real child JVMs, killed with SIGKILL once they signal they got
 * that far: after a restart every one finishes and no committed step runs again; two processes
 * share one storage; a process takes over a dead one's workflows while a third reads statuses.
 */
class StreamCrashTest {
  private static final Duration WAIT = Duration.ofSeconds(120);

  @TempDir Path dir;

  private Path storage() {
    return dir.resolve("storage");
  }

  private Process child(String name, String... args) throws Exception {
    return ChildJvm.start(dir.resolve(name + ".out"), StreamProgram.class, args);
  }

  private String finish(Process process, String name) throws Exception {
    assertTrue(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), name + " finished");
    String out = Files.readString(dir.resolve(name + ".out"));
    assertEquals(0, process.exitValue(), out);
    return out;
  }

  /** Every execution the steps logged, as {@code workflow step} lines. */
  private List<String> executions(Path log) throws Exception {
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  /**
   * The steps of {@code ids} whose outputs are stored (a root task's output is under its index).
   */
  private Set<String> committed(String prefix, int count) {
    Set<String> committed = new HashSet<>();
    try (Storage store = Storages.open(storage())) {
      for (int i = 0; i < count; i++) {
        String id = prefix + "-" + i;
        try (WorkflowStore workflow = store.view(id)) {
          if (workflow == null) {
            continue;
          }
          for (int step = 0; step < StreamProgram.STEPS; step++) {
            if (workflow.values().contains(step)) {
              committed.add(id + " " + step);
            }
          }
        }
      }
    }
    return committed;
  }

  /** Every workflow finished with 0 + 1 + 2, and every step of each ran at least once. */
  private void assertAllFinished(String prefix, int count, List<String> executed) {
    Set<String> ran = new HashSet<>(executed);
    try (Waymark waymark = Waymark.open(storage())) {
      for (int i = 0; i < count; i++) {
        String id = prefix + "-" + i;
        assertEquals(WorkflowStatus.SUCCESSFUL, waymark.getStatus(id), id);
        assertEquals(3, (Integer) waymark.getOutput(id), id);
        for (int step = 0; step < StreamProgram.STEPS; step++) {
          assertTrue(ran.contains(id + " " + step), id + " step " + step + " ran");
        }
      }
    }
  }

  private static Map<String, Integer> counts(List<String> lines) {
    Map<String, Integer> counts = new HashMap<>();
    lines.forEach(line -> counts.merge(line, 1, Integer::sum));
    return counts;
  }

  @Test
  void aKillWhileHundredsOfShortWorkflowsRunLosesNoneAndRedoesNoCommittedStep() throws Exception {
    int count = 400;
    Path log = dir.resolve("steps.log");
    Process first = child("first", "stream", storage().toString(), log.toString(), "s", "" + count);
    ChildJvm.awaitLine(first, dir.resolve("first.out"), "done 100", WAIT);
    first.destroyForcibly().waitFor();
    assertEquals(137, first.exitValue(), "killed by SIGKILL");

    Set<String> committed = committed("s", count);
    int before = executions(log).size();
    assertTrue(committed.size() >= 300, "the 100 finished workflows' steps were committed");
    assertTrue(committed.size() < 3 * count, "the kill landed before the end");

    String out = finish(child("second", "resume", storage().toString(), log.toString()), "second");
    assertTrue(out.contains("resumed "), out);
    List<String> all = executions(log);
    for (String again : all.subList(before, all.size())) {
      assertTrue(!committed.contains(again), "a committed step ran again: " + again);
    }
    assertAllFinished("s", count, all);
  }

  @Test
  void twoProcessesRunTheirOwnWorkflowsOnOneStorageAtOnce() throws Exception {
    int count = 200;
    Path log = dir.resolve("steps.log");
    Process a = child("a", "stream", storage().toString(), log.toString(), "a", "" + count);
    Process b = child("b", "stream", storage().toString(), log.toString(), "b", "" + count);
    assertTrue(finish(a, "a").contains("all done"));
    assertTrue(finish(b, "b").contains("all done"));
    List<String> executed = executions(log);
    assertEquals(2 * count * StreamProgram.STEPS, executed.size(), "each step ran once");
    assertTrue(counts(executed).values().stream().allMatch(n -> n == 1), "each step ran once");
    assertAllFinished("a", count, executed);
    assertAllFinished("b", count, executed);
    if (Files.isDirectory(storage().resolve("segments"))) {
      assertTrue(
          Files.exists(storage().resolve("segments/0/log.bin"))
              && Files.exists(storage().resolve("segments/1/log.bin")),
          "each process wrote a segment of its own");
    }
  }

  @Test
  void aProcessTakesOverADeadOnesWorkflowsWhileAThirdReadsStatuses() throws Exception {
    int count = 400;
    Path log = dir.resolve("steps.log");
    Process first = child("first", "stream", storage().toString(), log.toString(), "t", "" + count);
    ChildJvm.awaitLine(first, dir.resolve("first.out"), "done 50", WAIT);
    first.destroyForcibly().waitFor();

    Path stop = dir.resolve("stop");
    Process watcher = child("watcher", "watch", storage().toString(), stop.toString());
    ChildJvm.awaitLine(watcher, dir.resolve("watcher.out"), "watching", WAIT);
    String resumed =
        finish(child("second", "resume", storage().toString(), log.toString()), "second");
    Files.createFile(stop);
    String watched = finish(watcher, "watcher");

    assertTrue(resumed.contains("resumed "), resumed);
    int resumedCount =
        Integer.parseInt(resumed.substring(resumed.indexOf("resumed ") + 8).trim().split("\\s")[0]);
    assertTrue(resumedCount > 0 && resumedCount <= count - 50, resumed);
    assertTrue(watched.contains(" wrong=0"), watched);
    assertAllFinished("t", count, executions(log));
  }
}
