package dev.waymark.benchmarks.report;

import static dev.waymark.benchmarks.report.FigureIds.*;

import java.util.List;

/**
 * Ratios between two figures of the same run: the ratio of the medians, and a range from the
 * quartiles (low: p25 over p75, high: p75 over p25) that shows how much the spread could move it.
 */
public final class Ratios {
  /** {@code numerator / denominator}, both per step. */
  public record Ratio(String label, String numerator, String denominator) {
    /** The value, or null when either figure is missing. */
    public Value compute(Results results) {
      Figure top = results.get(numerator);
      Figure bottom = results.get(denominator);
      if (!top.measured() || !bottom.measured()) {
        return null;
      }
      Stats a = top.stats();
      Stats b = bottom.stats();
      return new Value(a.median() / b.median(), a.p25() / b.p75(), a.p75() / b.p25());
    }
  }

  /** A ratio of medians and its quartile range. */
  public record Value(double median, double low, double high) {}

  /** How many times more a step costs on a peer than on Waymark. */
  public static final List<Ratio> PEER_RATIOS =
      List.of(
          new Ratio("DBOS / Waymark per step, chain of 1,000", DBOS_1K, CHAIN_1K),
          new Ratio("DBOS / Waymark per step, chain of 10,000", DBOS_10K, CHAIN_10K),
          new Ratio("DBOS / Waymark per step, 3-step pipeline", DBOS_PIPELINE, PIPELINE),
          new Ratio("Temporal / Waymark per step, chain of 1,000", TEMPORAL_1K, CHAIN_1K),
          new Ratio("Temporal / Waymark per step, chain of 10,000", TEMPORAL_10K, CHAIN_10K),
          new Ratio("Temporal / Waymark per step, 3-step pipeline", TEMPORAL_PIPELINE, PIPELINE));

  public static final Ratio STEP_VS_PUT =
      new Ratio("Waymark trivial step / raw Chronicle put of an int", CHAIN_100K, PUT_INT);

  public static final Ratio COMMIT_VS_PUT =
      new Ratio("Waymark 1 KB output step / raw Chronicle put of 1 KB", COMMIT_1K, PUT_1K);

  /** Ratios shown for orientation, with no target. */
  public static final List<Ratio> OVERHEADS =
      List.of(
          STEP_VS_PUT,
          new Ratio(
              "Waymark trivial step, checkpointed / checkpoint off",
              CHAIN_100K,
              CHECKPOINT_OFF_100K),
          new Ratio("Waymark trivial step / plain Java call", CHAIN_100K, CALL_100K),
          new Ratio("Waymark wide-DAG step / chained step", WIDE_100K, CHAIN_100K));

  private Ratios() {}

  /** Why a ratio has no value: the reason of the first missing figure. */
  public static String whyMissing(Ratio ratio, Results results) {
    Figure top = results.get(ratio.numerator());
    return top.measured() ? results.get(ratio.denominator()).missing() : top.missing();
  }
}
