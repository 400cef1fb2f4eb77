package dev.waymark.benchmarks.report;

import java.util.List;

/**
 * One measured quantity: its samples (nanoseconds, or bytes for storage figures), or the reason it
 * was not measured. A figure with no samples is never shown as a number.
 */
public record Figure(String id, List<Double> samples, String missing) {

  public Figure {
    samples = List.copyOf(samples);
  }

  public static Figure of(String id, List<Double> samples) {
    if (samples.isEmpty()) {
      return notMeasured(id, "no samples");
    }
    return new Figure(id, samples, null);
  }

  /** A figure that was not measured; paths in {@code reason} are masked (see Format). */
  public static Figure notMeasured(String id, String reason) {
    return new Figure(id, List.of(), Format.withoutPaths(reason));
  }

  public boolean measured() {
    return missing == null;
  }

  public Stats stats() {
    if (!measured()) {
      throw new IllegalStateException(id + " was not measured: " + missing);
    }
    return Stats.of(samples);
  }
}
