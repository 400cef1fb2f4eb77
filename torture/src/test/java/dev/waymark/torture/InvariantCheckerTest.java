package dev.waymark.torture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.torture.InvariantChecker.Rule;
import dev.waymark.torture.InvariantChecker.TaskPolicy;
import dev.waymark.torture.InvariantChecker.Violation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checker can fail: crafted logs with one violation each are reported, clean ones are not. */
class InvariantCheckerTest {

  private static List<Rule> rules(InvariantChecker checker) {
    return checker.violations().stream().map(Violation::rule).toList();
  }

  private static void assertOnly(Rule rule, InvariantChecker checker) {
    assertEquals(List.of(rule), rules(checker), checker.violations().toString());
  }

  @Test
  void aCleanRunWithKillsHasNoViolation() {
    InvariantChecker checker = InvariantChecker.lenient(3);
    checker.addChild(
        "START a 1\nEND a 10\nSTART b 1\nLOADED b none\nITER b 0\nSAVED b 0\nITER b 1\n", true);
    checker.committed(Set.of("a"));
    checker.addChild(
        "START b 2\nLOADED b 0\nITER b 1\nSAVED b 1\nEND b 20\nSTART c 1\nEND c 30\n", false);
    checker.finish(Set.of("a", "b", "c"));
    assertEquals(List.of(), checker.violations());
  }

  @Test
  void aStartAfterTheOutputWasCommittedIsReported() {
    InvariantChecker checker = InvariantChecker.lenient(3);
    checker.addChild("START a 1\nEND a 10\nSTART b 1\n", true);
    checker.committed(Set.of("a"));
    checker.addChild("START a 2\nEND a 10\nSTART b 2\nEND b 20\n", false);
    assertOnly(Rule.COMMITTED_RERUN, checker);
    assertEquals("a", checker.violations().get(0).task());
    assertEquals(1, checker.violations().get(0).child());
  }

  @Test
  void aCommittedOutputRerunUnderItsUnstoredParentIsReportedApart() {
    InvariantChecker checker =
        new InvariantChecker(
            Map.of(
                "p", new TaskPolicy(20, 0, false, "dag:o", false),
                "o", new TaskPolicy(20, 0, true, "5", false, "p")));
    checker.addChild("START p 1\nEND p dag:o\nSTART o 1\nEND o 5\n", true);
    checker.committed(Set.of("o"));
    checker.addChild("START p 2\nEND p dag:o\nSTART o 2\nEND o 5\n", false);
    assertOnly(Rule.COMMITTED_RERUN_UNDER_UNSTORED_PARENT, checker);
  }

  @Test
  void moreStartsThanTheRetriesAllowAreReported() {
    InvariantChecker checker = InvariantChecker.lenient(2);
    for (int attempt = 1; attempt <= 3; attempt++) {
      checker.addChild("START a " + attempt + "\n", true);
      checker.committed(Set.of());
    }
    checker.addChild("START a 4\nEND a 10\n", false);
    checker.finish(Set.of("a"));
    assertOnly(Rule.RETRIES_EXCEEDED, checker);
  }

  @Test
  void aStartThatNoKillOrPlannedFailureExplainsIsReported() {
    InvariantChecker checker = InvariantChecker.lenient(20);
    checker.addChild("START a 1\nEND a 10\nSTART a 2\nEND a 10\n", false);
    checker.finish(Set.of("a"));
    assertOnly(Rule.EXTRA_START, checker);
  }

  @Test
  void plannedFailuresExplainTheirStarts() {
    InvariantChecker checker =
        new InvariantChecker(Map.of("f", new TaskPolicy(20, 2, true, "7", false)));
    checker.addChild("START f 1\nFAIL f 1 planned\nSTART f 2\nFAIL f 2 planned\n", true);
    checker.committed(Set.of());
    checker.addChild("START f 3\nEND f 7\n", false);
    checker.finish(Set.of("f"));
    assertEquals(List.of(), checker.violations());
  }

  @Test
  void attemptNumbersThatDoNotGrowAreReported() {
    InvariantChecker checker = InvariantChecker.lenient(20);
    checker.addChild("START a 1\n", true);
    checker.committed(Set.of());
    checker.addChild("START a 1\nEND a 10\n", false);
    checker.finish(Set.of("a"));
    assertOnly(Rule.ATTEMPT_ORDER, checker);
  }

  @Test
  void aBadLineIsReported() {
    InvariantChecker checker = InvariantChecker.lenient(3);
    checker.addChild(
        "START a 1\nBAD a input 0 from b is 5, wrote 6\nSTART a 2\nBAD a input 0 from b is 5, wrote 6\n",
        true);
    assertOnly(Rule.BAD, checker); // once, not once per attempt
    assertTrue(checker.violations().get(0).detail().contains("wrote 6"));
  }

  @Test
  void aLoadOfAStateNeverSavedIsReported() {
    InvariantChecker checker = InvariantChecker.lenient(3);
    checker.addChild("START l 1\nLOADED l none\nITER l 0\nSAVED l 0\nITER l 1\n", true);
    checker.committed(Set.of());
    checker.addChild("START l 2\nLOADED l 7\nEND l 1\n", false);
    assertOnly(Rule.NEVER_SAVED, checker);
  }

  @Test
  void aLoadOlderThanTheLastReturnedSaveIsReported() {
    InvariantChecker checker = InvariantChecker.lenient(3);
    checker.addChild("START l 1\nLOADED l none\nITER l 0\nSAVED l 0\nITER l 1\nSAVED l 1\n", true);
    checker.committed(Set.of());
    checker.addChild("START l 2\nLOADED l 0\nITER l 1\nSAVED l 1\nEND l 1\n", false);
    assertOnly(Rule.STALE_LOAD, checker);
  }

  @Test
  void aStateLostWithASaveTheKillInterruptedIsReportedApart() {
    InvariantChecker checker = InvariantChecker.lenient(3);
    checker.addChild("START l 1\nLOADED l none\nITER l 0\nSAVED l 0\nITER l 1\n", true);
    checker.committed(Set.of());
    checker.addChild("START l 2\nLOADED l none\nITER l 0\nSAVED l 0\nITER l 1\nSAVED l 1\n", true);
    checker.committed(Set.of());
    // The last line of l was SAVED: no save was in flight at this kill.
    checker.addChild("START l 3\nLOADED l none\nITER l 0\nSAVED l 0\nEND l 1\n", false);
    assertEquals(
        List.of(Rule.STATE_LOST_IN_KILLED_SAVE, Rule.STALE_LOAD),
        rules(checker),
        checker.violations().toString());
  }

  @Test
  void anOutputStoredWithoutItsBodyReturningIsReported() {
    InvariantChecker checker = InvariantChecker.lenient(3);
    checker.addChild("START a 1\n", true);
    checker.committed(Set.of("a"));
    assertOnly(Rule.STORED_WITHOUT_END, checker);
  }

  @Test
  void anOutputThatDisappearsIsReported() {
    InvariantChecker checker = InvariantChecker.lenient(3);
    checker.addChild("START a 1\nEND a 10\n", true);
    checker.committed(Set.of("a"));
    checker.addChild("START b 1\nEND b 20\n", false);
    checker.finish(Set.of("b"));
    assertOnly(Rule.LOST_OUTPUT, checker);
  }

  @Test
  void anAttemptThatNeitherEndsNorFailsInACompletedChildIsReported() {
    InvariantChecker checker = InvariantChecker.lenient(3);
    checker.addChild("START a 1\nEND a 10\nSTART b 1\n", false);
    assertOnly(Rule.UNFINISHED, checker);
  }

  @Test
  void malformedLinesAreReported() {
    InvariantChecker checker = InvariantChecker.lenient(3);
    checker.addChild("START a one\nHELLO a 1\nSTART a 1\nEND a 10\nEND b", false);
    assertEquals(
        List.of(Rule.MALFORMED, Rule.MALFORMED, Rule.MALFORMED),
        rules(checker),
        checker.violations().toString());
  }

  @Test
  void aTornLastLineOfAKilledChildIsDropped() {
    InvariantChecker checker = InvariantChecker.lenient(3);
    checker.addChild("START a 1\nEND a 1", true);
    checker.committed(Set.of());
    assertEquals(List.of(), checker.violations());
  }

  @Test
  void theWorkflowsTasksAreChecked() {
    Map<String, TaskPolicy> tasks =
        Map.of(
            "a", new TaskPolicy(20, 0, true, "10", false),
            "b", new TaskPolicy(20, 0, false, "20", false),
            "c", new TaskPolicy(20, 0, true, "30", false),
            "d", new TaskPolicy(20, 0, true, null, true));
    InvariantChecker checker = new InvariantChecker(tasks);
    checker.addChild(
        "START a 1\nEND a 11\nSTART b 1\nEND b 20\nSTART x 1\nEND x 0\nSTART d 1\nFAIL d 1 doomed\n",
        false);
    checker.finish(Set.of("a", "b", "d"));
    assertEquals(
        List.of(Rule.WRONG_VALUE, Rule.UNKNOWN_TASK, Rule.STORED_MISMATCH, Rule.MISSING_TASK),
        rules(checker),
        checker.violations().toString());
    assertEquals("c", checker.violations().get(3).task());
  }

  @Test
  void aRenamedTaskIsReportedAndCheckedUnderItsGivenId() {
    InvariantChecker checker =
        new InvariantChecker(Map.of("a", new TaskPolicy(20, 0, true, "10", false)));
    checker.addChild("RENAMED a_1 a\nSTART a_1 1\nEND a_1 10\n", true);
    assertEquals("a_1", checker.runtimeId("a"));
    checker.committed(Set.of("a"));
    checker.addChild("START a_1 2\nEND a_1 10\n", false);
    checker.finish(Set.of("a"));
    assertEquals(
        List.of(Rule.RENAMED_TASK, Rule.COMMITTED_RERUN),
        rules(checker),
        checker.violations().toString());
  }
}
