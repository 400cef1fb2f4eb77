package dev.waymark.benchmarks.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The summary of a figure's samples: median and spread. Quantiles interpolate linearly between the
 * sorted samples (the usual "type 7"), so a quantile of one sample is that sample.
 */
public record Stats(int n, double min, double p25, double median, double p75, double max) {

  public static Stats of(List<Double> samples) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    return new Stats(
        sorted.size(),
        sorted.get(0),
        quantile(sorted, 0.25),
        quantile(sorted, 0.5),
        quantile(sorted, 0.75),
        sorted.get(sorted.size() - 1));
  }

  /** The {@code q} quantile of ascending {@code sorted}. */
  static double quantile(List<Double> sorted, double q) {
    double position = q * (sorted.size() - 1);
    int below = (int) Math.floor(position);
    int above = (int) Math.ceil(position);
    double fraction = position - below;
    return sorted.get(below) + fraction * (sorted.get(above) - sorted.get(below));
  }
}
