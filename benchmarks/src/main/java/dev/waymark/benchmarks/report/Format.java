package dev.waymark.benchmarks.report;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/** Number formatting for the tables: three significant digits and a unit that fits. */
public final class Format {
  private Format() {}

  /** A duration in nanoseconds: {@code 1.23 us}, {@code 456 ns}, {@code 2.10 s}. */
  public static String nanos(double ns) {
    // 999.6 ns is "1.00 us", not "1000 ns"
    if (ns < 999.5) {
      return digits(ns) + " ns";
    }
    if (ns < 999.5e3) {
      return digits(ns / 1e3) + " us";
    }
    if (ns < 999.5e6) {
      return digits(ns / 1e6) + " ms";
    }
    return digits(ns / 1e9) + " s";
  }

  /** A power of ten of nanoseconds, for an axis: {@code 0.1 ns}, {@code 10 ns}, {@code 1 us}. */
  public static String decade(int exponent) {
    String[] units = {"ns", "us", "ms", "s"};
    int unit = Math.max(0, Math.min(units.length - 1, Math.floorDiv(exponent, 3)));
    int rest = exponent - unit * 3;
    String mantissa =
        rest >= 0
            ? String.valueOf((long) Math.pow(10, rest))
            : BigDecimal.ONE.movePointLeft(-rest).toPlainString();
    return mantissa + " " + units[unit];
  }

  /** How a missing figure reads: its reason, said as "not measured" unless it says so itself. */
  public static String notMeasured(String reason) {
    return reason.startsWith("not ") ? reason : "not measured: " + reason;
  }

  /** A range of durations in the unit of its upper end: {@code 0.92-1.40 us}. */
  public static String nanoRange(double low, double high) {
    String unit = nanos(high);
    double scale = scaleOf(unit.substring(unit.indexOf(' ') + 1));
    return digits(low / scale) + "-" + unit;
  }

  /** A byte count: {@code 87.2 B}, {@code 12.4 MB} (powers of 1,000). */
  public static String bytes(double bytes) {
    if (bytes < 999.5) {
      return digits(bytes) + " B";
    }
    if (bytes < 999.5e3) {
      return digits(bytes / 1e3) + " KB";
    }
    if (bytes < 999.5e6) {
      return digits(bytes / 1e6) + " MB";
    }
    return digits(bytes / 1e9) + " GB";
  }

  /** A rate with thousands separators: {@code 912,000}. */
  public static String count(double value) {
    if (value >= 1e4) {
      return String.format(Locale.ROOT, "%,d", Math.round(value / 1000) * 1000);
    }
    return String.format(Locale.ROOT, "%,d", Math.round(value));
  }

  /** A ratio: {@code 312x}, {@code 4.1x}, {@code 0.52x}. */
  public static String ratio(double value) {
    return digits(value) + "x";
  }

  /**
   * {@code text} with absolute file paths replaced by {@code <path>}: a failure message may name
   * files of the machine it ran on, which have no place in a committed report.
   */
  public static String withoutPaths(String text) {
    return text == null ? null : PATH.matcher(text).replaceAll("<path>");
  }

  private static final Pattern PATH = Pattern.compile("(?<![\\w.~/])/[^\\s:'\",;()]+");

  /** Three significant digits, no exponent. */
  static String digits(double value) {
    double magnitude = Math.abs(value);
    if (magnitude >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    if (magnitude >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static double scaleOf(String unit) {
    return switch (unit) {
      case "us" -> 1e3;
      case "ms" -> 1e6;
      case "s" -> 1e9;
      default -> 1;
    };
  }
}
