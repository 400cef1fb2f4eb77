package dev.waymark.benchmarks.report;

import static dev.waymark.benchmarks.report.FigureIds.*;

import java.util.ArrayList;
import java.util.List;

/** The project's performance targets, each checked against this run's figures. */
public final class Targets {
  /** One target: what it asks, what was measured, and pass, miss or not measured. */
  public record Check(String target, String measured, String result) {}

  private Targets() {}

  public static List<Check> evaluate(Results results) {
    List<Check> checks = new ArrayList<>();
    Figure chain = results.get(CHAIN_100K);
    checks.add(
        atMost(
            "checkpointed trivial step, p50 <= 5 us",
            chain,
            5_000,
            chain.measured() ? Format.nanos(chain.stats().median()) : null));
    checks.add(atLeastRate("checkpointed steps/s on one thread >= 200,000", chain, 200_000));
    checks.add(
        atLeastRate(
            "checkpoint off: steps/s >= 1,000,000", results.get(CHECKPOINT_OFF_100K), 1_000_000));
    for (String variant : List.of("fresh", "warm")) {
      String jvm = variant.equals("fresh") ? "fresh JVM" : "JVM with Waymark loaded";
      Figure clean = results.get("resume.clean." + variant);
      checks.add(
          atMost(
              "1,000,000-step resume after a clean close < 0.5 s (" + jvm + ")",
              clean,
              0.5e9,
              clean.measured() ? Format.nanos(clean.stats().median()) : null));
      Figure kill = results.get("resume.kill." + variant);
      checks.add(
          atMost(
              "1,000,000-step resume after kill -9 < 3 s (" + jvm + ")",
              kill,
              3e9,
              kill.measured() ? Format.nanos(kill.stats().median()) : null));
    }
    for (Ratios.Ratio ratio : Ratios.PEER_RATIOS) {
      checks.add(atLeastRatio(ratio, results, 100));
    }
    Figure pipeline = results.get(PIPELINE);
    checks.add(
        atMost(
            "3-step workflow, sequential run(id): <= 25 us per workflow",
            pipeline,
            25_000.0 / 3,
            pipeline.measured() ? Format.nanos(3 * pipeline.stats().median()) : null));
    Figure level = results.get(RECURSION_LEVEL);
    checks.add(
        atMost(
            "one level of a recursive continuation (100,000 levels): <= 10 us",
            level,
            10_000,
            level.measured() ? Format.nanos(level.stats().median()) : null));
    Figure async = results.get(MANY_ASYNC);
    checks.add(atLeastRate("short workflows through runAsync: >= 50,000/s", async, 50_000));
    Figure disk = results.get(MANY_DISK);
    checks.add(
        atMost(
            "disk per finished short workflow <= 2 KB",
            disk,
            2048,
            disk.measured() ? Format.bytes(disk.stats().median()) : null));
    Figure list = results.get(MANY_LIST);
    checks.add(
        atMost(
            "list() over 1,000,000 stored workflows < 1 s",
            list,
            1e9,
            list.measured() ? Format.nanos(list.stats().median()) : null));
    Figure resumeAll = results.get(MANY_RESUME_ALL);
    checks.add(
        atMost(
            "resumeAll of 10,000 short workflows in flight after kill -9 < 3 s",
            resumeAll,
            3e9,
            resumeAll.measured() ? Format.nanos(resumeAll.stats().median()) : null));
    checks.add(atMostRatio(Ratios.STEP_VS_PUT, results, 2.5));
    Ratios.Ratio commit = Ratios.COMMIT_VS_PUT;
    Ratios.Value value = commit.compute(results);
    checks.add(
        value == null
            ? new Check(
                commit.label() + " <= 5x", Ratios.whyMissing(commit, results), "not measured")
            : verdict(
                commit.label() + " <= 5x", Format.ratio(value.median()), value.median() <= 5));
    return checks;
  }

  private static Check atMostRatio(Ratios.Ratio ratio, Results results, double target) {
    String name = ratio.label() + " <= " + target + "x";
    Ratios.Value value = ratio.compute(results);
    if (value == null) {
      return new Check(name, Ratios.whyMissing(ratio, results), "not measured");
    }
    return verdict(name, Format.ratio(value.median()), value.median() <= target);
  }

  private static Check atLeastRatio(Ratios.Ratio ratio, Results results, double target) {
    String name = ratio.label() + " >= " + Format.count(target) + "x";
    Ratios.Value value = ratio.compute(results);
    if (value == null) {
      return new Check(name, Ratios.whyMissing(ratio, results), "not measured");
    }
    return verdict(name, Format.ratio(value.median()), value.median() >= target);
  }

  private static Check atLeastRate(String target, Figure perStep, double stepsPerSecond) {
    if (!perStep.measured()) {
      return missing(target, perStep);
    }
    double rate = 1e9 / perStep.stats().median();
    return verdict(target, Format.count(rate), rate >= stepsPerSecond);
  }

  private static Check atMost(String target, Figure figure, double limit, String measured) {
    if (!figure.measured()) {
      return missing(target, figure);
    }
    return verdict(target, measured, figure.stats().median() <= limit);
  }

  private static Check missing(String target, Figure figure) {
    return new Check(target, figure.missing(), "not measured");
  }

  private static Check verdict(String target, String measured, boolean pass) {
    return new Check(target, measured, pass ? "pass" : "miss");
  }
}
