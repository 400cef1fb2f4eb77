package dev.waymark.benchmarks.report;

import static dev.waymark.benchmarks.report.FigureIds.*;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tables and the report, from figures made up for the test. */
class ReportTest {
  private static Results results() {
    Results results = new Results();
    results.add(CHAIN_100K, List.of(1_000.0, 1_100.0, 1_200.0));
    results.add(CHAIN_1K, List.of(2_000.0, 2_000.0));
    results.add(CHAIN_10K, List.of(1_500.0));
    results.add(PIPELINE, List.of(5_000.0));
    results.add(DBOS_1K, List.of(300_000.0));
    results.add(DBOS_10K, List.of(100_000.0));
    results.add(COMMIT_1K, List.of(6_000.0));
    results.add(PUT_1K, List.of(1_000.0));
    results.add(CHECKPOINT_OFF_100K, List.of(800.0));
    results.notMeasured(TEMPORAL_1K, "failed: Cannot run program \"/opt/java\"");
    results.add(RESUME_CLEAN_FRESH, List.of(0.4e9));
    results.add(RESUME_KILL_FRESH, List.of(3.5e9));
    results.info("dbos.version", "1.1.0-m6");
    return results;
  }

  @Test
  void perStepTableShowsMedianSpreadAndRate() {
    String table = Tables.perStep(results());
    assertTrue(
        table.contains(
            "| **Waymark: checkpointed trivial step** (chain of 100,000) | 1.10 us |"
                + " 1.05-1.15 us | 1.00-1.20 us | 3 | 909,000 |"),
        table);
    assertTrue(table.contains("| Waymark: checkpoint off (chain of 100,000) | 800 ns |"), table);
    assertTrue(
        table.contains("| Floor: raw Chronicle Map put of a Kryo-serialized int | not run |"),
        table);
  }

  @Test
  void targetsPassMissAndSayWhyAFigureIsMissing() {
    List<Targets.Check> checks = Targets.evaluate(results());
    assertTrue(
        checks.contains(
            new Targets.Check("checkpointed trivial step, p50 <= 5 us", "1.10 us", "pass")));
    assertTrue(
        checks.contains(
            new Targets.Check("checkpoint off: steps/s >= 1,000,000", "1,250,000", "pass")));
    assertTrue(
        checks.contains(
            new Targets.Check(
                "1,000,000-step resume after a clean close < 0.5 s (fresh JVM)",
                "400 ms",
                "pass")));
    assertTrue(
        checks.contains(
            new Targets.Check(
                "1,000,000-step resume after kill -9 < 3 s (fresh JVM)", "3.50 s", "miss")));
    assertTrue(
        checks.contains(
            new Targets.Check("DBOS / Waymark per step, chain of 1,000 >= 100x", "150x", "pass")));
    assertTrue(
        checks.contains(
            new Targets.Check(
                "DBOS / Waymark per step, chain of 10,000 >= 100x", "66.7x", "miss")));
    assertTrue(
        checks.contains(
            new Targets.Check(
                "Temporal / Waymark per step, chain of 1,000 >= 100x",
                "failed: Cannot run program \"<path>\"",
                "not measured")));
    assertTrue(
        checks.contains(
            new Targets.Check(
                "Waymark 1 KB output step / raw Chronicle put of 1 KB <= 5x", "6.00x", "miss")));
  }

  @Test
  void sideBySideShowsPerStepAndPerWorkflowForThePipeline() {
    String table = Tables.sideBySide(results());
    assertTrue(
        table.contains(
            "| **Waymark** | 2.00 us [2.00-2.00 us] | 1.50 us (one run) |"
                + " 5.00 us (one run) | 15.0 us (one run) |"),
        table);
    assertTrue(table.contains("DBOS Transact 1.1.0-m6"), table);
  }

  @Test
  void theMarkdownReportNamesNoPathOfTheMachine() {
    MachineInfo machine =
        new MachineInfo(
            2,
            "Some CPU",
            24_000_000_000L,
            "Linux 6.1 (amd64)",
            "OpenJDK 17",
            "ext4",
            "2026-01-01 00:00 UTC");
    String markdown =
        Report.markdown(results(), machine, new Report.RunInfo("smoke", "1 fork", 200));
    assertTrue(markdown.contains("./bench.sh smoke"), markdown);
    assertTrue(markdown.contains("2 cores (Some CPU)"), markdown);
    assertTrue(markdown.contains("![Per-step cost, log scale](performance.svg)"), markdown);
    assertFalse(markdown.contains("/opt/java"), markdown);
    assertFalse(markdown.contains("/tmp/"), markdown);
  }
}
