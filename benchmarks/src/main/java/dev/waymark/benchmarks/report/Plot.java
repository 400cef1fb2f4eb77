package dev.waymark.benchmarks.report;

import static dev.waymark.benchmarks.report.FigureIds.*;

import dev.waymark.benchmarks.report.SvgPlot.Bar;
import dev.waymark.benchmarks.report.SvgPlot.Group;
import java.util.ArrayList;
import java.util.List;

/**
 * docs/performance.svg: every per-step figure of the run, floors first, then Waymark, the peers.
 */
public final class Plot {
  private Plot() {}

  public static String svg(Results results) {
    List<Bar> bars = new ArrayList<>();
    add(bars, results, Group.FLOOR, "plain Java call", CALL_100K);
    add(bars, results, Group.FLOOR, "Chronicle put, Kryo int", PUT_INT);
    add(bars, results, Group.FLOOR, "Chronicle put, 1 KB", PUT_1K);
    add(bars, results, Group.WAYMARK, "chain of 100,000, checkpointed", CHAIN_100K);
    add(bars, results, Group.WAYMARK, "chain of 100,000, checkpoint off", CHECKPOINT_OFF_100K);
    add(bars, results, Group.WAYMARK, "wide DAG of 100,000", WIDE_100K);
    add(bars, results, Group.WAYMARK, "64 B output", COMMIT_64);
    add(bars, results, Group.WAYMARK, "1 KB output", COMMIT_1K);
    add(bars, results, Group.WAYMARK, "64 KB output", COMMIT_64K);
    add(bars, results, Group.WAYMARK, "chain of 1,000", CHAIN_1K);
    add(bars, results, Group.WAYMARK, "chain of 10,000", CHAIN_10K);
    add(bars, results, Group.WAYMARK, "3-step pipeline", PIPELINE);
    add(bars, results, Group.DBOS, "chain of 1,000", DBOS_1K);
    add(bars, results, Group.DBOS, "chain of 10,000", DBOS_10K);
    add(bars, results, Group.DBOS, "3-step pipeline", DBOS_PIPELINE);
    add(bars, results, Group.TEMPORAL, "chain of 1,000", TEMPORAL_1K);
    add(bars, results, Group.TEMPORAL, "chain of 10,000", TEMPORAL_10K);
    add(bars, results, Group.TEMPORAL, "3-step pipeline", TEMPORAL_PIPELINE);
    return SvgPlot.render("What one step costs", bars);
  }

  private static void add(List<Bar> bars, Results results, Group group, String label, String id) {
    Figure figure = results.get(id);
    String name = group.legend + ": " + label;
    bars.add(
        figure.measured()
            ? new Bar(name, group, figure.stats(), null)
            : new Bar(name, group, null, figure.missing()));
  }
}
