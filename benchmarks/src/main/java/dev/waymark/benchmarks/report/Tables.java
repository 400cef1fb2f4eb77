package dev.waymark.benchmarks.report;

import static dev.waymark.benchmarks.report.FigureIds.*;

import java.util.ArrayList;
import java.util.List;

/**
 * The result tables in Markdown, which read well in a terminal too. Every figure is a median with
 * its spread; a figure that was not measured says why instead of showing a number.
 */
public final class Tables {
  /** A labelled figure. */
  public record Row(String label, String id) {}

  public static final List<Row> PER_STEP =
      List.of(
          new Row("Floor: plain Java call, inlining blocked (chain of 100,000)", CALL_100K),
          new Row("Floor: raw Chronicle Map put of a Kryo-serialized int", PUT_INT),
          new Row("Floor: raw Chronicle Map put of a 1 KB output", PUT_1K),
          new Row("**Waymark: checkpointed trivial step** (chain of 100,000)", CHAIN_100K),
          new Row("Waymark: checkpoint off (chain of 100,000)", CHECKPOINT_OFF_100K),
          new Row("Waymark: wide DAG, 100,000 independent steps fanned into one", WIDE_100K),
          new Row("Waymark: step with a 64 B output (chain of 100,000)", COMMIT_64),
          new Row("Waymark: step with a 1 KB output (chain of 100,000)", COMMIT_1K),
          new Row("Waymark: step with a 64 KB output (chain of 2,000)", COMMIT_64K),
          new Row(
              "Waymark, Durability.POWER_LOSS: chain of 1,000 (a device sync per step)",
              DURABLE_CHAIN_1K),
          new Row(
              "Waymark, Durability.POWER_LOSS: 10,000 independent steps (group commit)",
              DURABLE_WIDE_10K),
          new Row("Waymark: one Checkpointer.saveAsync (100,000 in one step)", SAVE_ASYNC),
          new Row(
              "Waymark: one level of a recursive continuation (100,000 levels)", RECURSION_LEVEL));

  /** The side-by-side systems: chain of 1,000, chain of 10,000, pipeline. */
  public static final List<List<String>> SIDE_BY_SIDE =
      List.of(
          List.of(CALL_1K, CALL_10K, CALL_PIPELINE),
          List.of(CHAIN_1K, CHAIN_10K, PIPELINE),
          List.of(DBOS_1K, DBOS_10K, DBOS_PIPELINE),
          List.of(TEMPORAL_1K, TEMPORAL_10K, TEMPORAL_PIPELINE));

  private Tables() {}

  public static String perStep(Results results) {
    StringBuilder out = new StringBuilder();
    out.append("| per step | median | p25-p75 | min-max | n | steps/s |\n")
        .append("|---|---:|---:|---:|---:|---:|\n");
    for (Row row : PER_STEP) {
      Figure figure = results.get(row.id());
      out.append("| ").append(row.label()).append(" | ");
      if (!figure.measured()) {
        out.append(Format.notMeasured(figure.missing())).append(" | | | | |\n");
        continue;
      }
      Stats s = figure.stats();
      out.append(Format.nanos(s.median()))
          .append(" | ")
          .append(Format.nanoRange(s.p25(), s.p75()))
          .append(" | ")
          .append(Format.nanoRange(s.min(), s.max()))
          .append(" | ")
          .append(s.n())
          .append(" | ")
          .append(Format.count(1e9 / s.median()))
          .append(" |\n");
    }
    return out.toString();
  }

  public static String sideBySide(Results results) {
    List<String> names =
        List.of(
            "plain Java call (floor)",
            "**Waymark**",
            "DBOS Transact " + orQuestion(results.info("dbos.version")) + ", local PostgreSQL",
            "Temporal "
                + orQuestion(results.info("temporal.version"))
                + ", in-process test server");
    StringBuilder out = new StringBuilder();
    out.append(
            "| per step, median [p25-p75] | chain of 1,000 | chain of 10,000 | 3-step pipeline"
                + " | pipeline, per workflow |\n")
        .append("|---|---:|---:|---:|---:|\n");
    for (int i = 0; i < names.size(); i++) {
      List<String> ids = SIDE_BY_SIDE.get(i);
      out.append("| ").append(names.get(i));
      for (String id : ids) {
        out.append(" | ").append(cell(results.get(id), 1));
      }
      out.append(" | ").append(cell(results.get(ids.get(2)), 3)).append(" |\n");
    }
    return out.toString();
  }

  public static String ratios(Results results) {
    StringBuilder out = new StringBuilder();
    out.append("| ratio | of medians | from quartiles |\n").append("|---|---:|---:|\n");
    List<Ratios.Ratio> all = new ArrayList<>(Ratios.PEER_RATIOS);
    all.add(Ratios.COMMIT_VS_PUT);
    all.addAll(Ratios.OVERHEADS);
    for (Ratios.Ratio ratio : all) {
      Ratios.Value value = ratio.compute(results);
      out.append("| ").append(ratio.label()).append(" | ");
      if (value == null) {
        out.append(Format.notMeasured(Ratios.whyMissing(ratio, results))).append(" | |\n");
      } else {
        out.append(Format.ratio(value.median()))
            .append(" | ")
            .append(Format.ratio(value.low()))
            .append(" - ")
            .append(Format.ratio(value.high()))
            .append(" |\n");
      }
    }
    return out.toString();
  }

  public static String resume(Results results) {
    StringBuilder out = new StringBuilder();
    out.append("| resume, 1,000,000 committed steps | median | p25-p75 | min-max | n |")
        .append(" of which Waymark.open (median) |\n")
        .append("|---|---:|---:|---:|---:|---:|\n");
    String[][] rows = {
      {"after a clean close, fresh JVM", RESUME_CLEAN_FRESH},
      {"after a clean close, JVM with Waymark already loaded", RESUME_CLEAN_WARM},
      {"after kill -9, fresh JVM (file recovery included)", RESUME_KILL_FRESH},
      {"after kill -9, JVM with Waymark already loaded", RESUME_KILL_WARM},
    };
    for (String[] row : rows) {
      Figure figure = results.get(row[1]);
      out.append("| ").append(row[0]).append(" | ");
      if (!figure.measured()) {
        out.append(Format.notMeasured(figure.missing())).append(" | | | | |\n");
        continue;
      }
      Stats s = figure.stats();
      Figure open = results.get(open(row[1]));
      out.append(Format.nanos(s.median()))
          .append(" | ")
          .append(Format.nanoRange(s.p25(), s.p75()))
          .append(" | ")
          .append(Format.nanoRange(s.min(), s.max()))
          .append(" | ")
          .append(s.n())
          .append(" | ")
          .append(open.measured() ? Format.nanos(open.stats().median()) : "")
          .append(" |\n");
    }
    Figure fresh = results.get(RESUME_CLEAN_FRESH);
    Figure warm = results.get(RESUME_CLEAN_WARM);
    if (fresh.measured() && warm.measured()) {
      out.append("\nA fresh JVM pays once for loading and initialising Waymark and Chronicle Map")
          .append(" (its first map open): the clean-close rows differ by ")
          .append(Format.nanos(fresh.stats().median() - warm.stats().median()))
          .append(" here. `Waymark.open` is quick because the maps open lazily, in `resume`.\n");
    }
    return out.toString();
  }

  public static String storage(Results results) {
    StringBuilder out = new StringBuilder();
    out.append("| storage of a 1,000,000-step chain (int outputs) | per committed step |")
        .append(" whole workflow |\n")
        .append("|---|---:|---:|\n");
    String[][] rows = {
      {"apparent size (sum of file sizes)", STORAGE_APPARENT},
      {"allocated on disk (file system blocks)", STORAGE_ALLOCATED},
      {"of which the recorded DAG (apparent)", STORAGE_DAG},
    };
    for (String[] row : rows) {
      Figure figure = results.get(row[1]);
      out.append("| ").append(row[0]).append(" | ");
      if (!figure.measured()) {
        out.append(Format.notMeasured(figure.missing())).append(" | |\n");
        continue;
      }
      double perStep = figure.stats().median();
      out.append(Format.bytes(perStep))
          .append(" | ")
          .append(Format.bytes(perStep * 1_000_000))
          .append(" |\n");
    }
    return out.toString();
  }

  public static String many(Results results) {
    StringBuilder out = new StringBuilder();
    out.append("| many three-step workflows | median | p25-p75 | min-max | n |\n")
        .append("|---|---:|---:|---:|---:|\n");
    Object[][] rows = {
      {"`runAsync` of 100,000 after 15 s of warm-up: time per workflow", MANY_ASYNC, false},
      {"`runAsync` of 100,000, first round (JIT at work)", cold(MANY_ASYNC), false},
      {"disk per finished workflow, allocated", MANY_DISK, true},
      {"disk per finished workflow, sum of file sizes", MANY_DISK_APPARENT, true},
      {"`list()` of 1,000,000 stored workflows", MANY_LIST, false},
      {"`Waymark.open` before that `list()`", open(MANY_LIST), false},
      {"`resumeAll` of 10,000 in flight after kill -9, open included", MANY_RESUME_ALL, false},
    };
    for (Object[] row : rows) {
      Figure figure = results.get((String) row[1]);
      out.append("| ").append(row[0]).append(" | ");
      if (!figure.measured()) {
        out.append(Format.notMeasured(figure.missing())).append(" | | | |\n");
        continue;
      }
      Stats s = figure.stats();
      boolean bytes = (Boolean) row[2];
      out.append(bytes ? Format.bytes(s.median()) : Format.nanos(s.median()))
          .append(" | ")
          .append(bytes ? "" : Format.nanoRange(s.p25(), s.p75()))
          .append(" | ")
          .append(bytes ? "" : Format.nanoRange(s.min(), s.max()))
          .append(" | ")
          .append(s.n())
          .append(" |\n");
    }
    String files = results.info("many.files");
    if (files != null) {
      out.append("\nThe storage of the 100,001 workflows was ").append(files).append(" files.\n");
    }
    return out.toString();
  }

  public static String targets(Results results) {
    StringBuilder out = new StringBuilder();
    out.append("| target | measured | result |\n").append("|---|---:|---|\n");
    for (Targets.Check check : Targets.evaluate(results)) {
      out.append("| ")
          .append(check.target())
          .append(" | ")
          .append(check.measured())
          .append(" | ")
          .append(check.result().equals("pass") ? "pass" : "**" + check.result() + "**")
          .append(" |\n");
    }
    return out.toString();
  }

  private static String cell(Figure figure, int steps) {
    if (!figure.measured()) {
      return Format.notMeasured(figure.missing());
    }
    Stats s = figure.stats();
    if (s.n() == 1) {
      return Format.nanos(s.median() * steps) + " (one run)";
    }
    return Format.nanos(s.median() * steps)
        + " ["
        + Format.nanoRange(s.p25() * steps, s.p75() * steps)
        + "]";
  }

  private static String orQuestion(String value) {
    return value == null ? "?" : value;
  }
}
