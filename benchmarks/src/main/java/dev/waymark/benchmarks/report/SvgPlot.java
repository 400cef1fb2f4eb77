package dev.waymark.benchmarks.report;

import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart of per-step costs on a log scale, as a standalone SVG: a bar to the
 * median, a dark whisker over p25-p75 and a light one over min-max. Figures that were not measured
 * keep their row, labelled so.
 */
public final class SvgPlot {
  private static final int WIDTH = 980;
  private static final int LABEL_RIGHT = 390;
  private static final int PLOT_LEFT = 400;
  private static final int PLOT_RIGHT = 890;
  private static final int TOP = 58;
  private static final int ROW = 22;

  /** One row: {@code stats} null when the figure was not measured ({@code missing} says why). */
  public record Bar(String label, Group group, Stats stats, String missing) {}

  /** Who a bar belongs to, which sets its colour. */
  public enum Group {
    FLOOR("floor (no framework)", "#8c8c8c"),
    WAYMARK("Waymark", "#1f5fa8"),
    DBOS("DBOS Transact", "#e07b00"),
    TEMPORAL("Temporal", "#2e8b3e");

    final String legend;
    final String colour;

    Group(String legend, String colour) {
      this.legend = legend;
      this.colour = colour;
    }
  }

  private SvgPlot() {}

  public static String render(String title, List<Bar> bars) {
    double low = Double.MAX_VALUE;
    double high = Double.MIN_VALUE;
    for (Bar bar : bars) {
      if (bar.stats() != null) {
        low = Math.min(low, bar.stats().min());
        high = Math.max(high, bar.stats().max());
      }
    }
    if (low > high) {
      low = 1;
      high = 1e6;
    }
    int firstDecade = (int) Math.floor(Math.log10(Math.max(low, 1e-3)));
    int lastDecade = (int) Math.ceil(Math.log10(high));
    if (lastDecade == firstDecade) {
      lastDecade++;
    }
    Scale scale = new Scale(firstDecade, lastDecade);
    int height = TOP + bars.size() * ROW + 56;

    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                    + " viewBox=\"0 0 %d %d\" font-family=\"Helvetica, Arial, sans-serif\""
                    + " font-size=\"12\">%n",
                WIDTH,
                height,
                WIDTH,
                height))
        .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
        .append(text(PLOT_LEFT, 22, "start", 15, "bold", title))
        .append(
            text(
                PLOT_LEFT,
                40,
                "start",
                11,
                "normal",
                "per step, log scale; bar: median, dark whisker: p25-p75, light whisker: min-max"));

    int plotBottom = TOP + bars.size() * ROW;
    for (int decade = firstDecade; decade <= lastDecade; decade++) {
      double x = scale.x(Math.pow(10, decade));
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#dddddd\"/>%n",
              x,
              TOP - 6,
              x,
              plotBottom));
      svg.append(text(x, plotBottom + 16, "middle", 11, "normal", Format.decade(decade)));
    }

    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      double y = TOP + i * ROW;
      double middle = y + ROW / 2.0;
      svg.append(text(LABEL_RIGHT, middle + 4, "end", 12, "normal", bar.label()));
      if (bar.stats() == null) {
        svg.append(
            text(
                PLOT_LEFT + 4,
                middle + 4,
                "start",
                11,
                "italic",
                Format.notMeasured(bar.missing())));
        continue;
      }
      Stats stats = bar.stats();
      double end = scale.x(stats.median());
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"12\" fill=\"%s\"/>%n",
              PLOT_LEFT,
              middle - 6,
              Math.max(1, end - PLOT_LEFT),
              bar.group().colour));
      svg.append(whisker(scale.x(stats.min()), scale.x(stats.max()), middle, "#bbbbbb", 1));
      svg.append(whisker(scale.x(stats.p25()), scale.x(stats.p75()), middle, "#222222", 1.5));
      svg.append(
          text(
              Math.max(end, scale.x(stats.max())) + 6,
              middle + 4,
              "start",
              11,
              "normal",
              Format.nanos(stats.median())));
    }

    double legendX = PLOT_LEFT;
    double legendY = plotBottom + 38;
    for (Group group : Group.values()) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
              legendX,
              legendY - 10,
              group.colour));
      svg.append(text(legendX + 16, legendY, "start", 11, "normal", group.legend));
      legendX += 30 + group.legend.length() * 6.5;
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static String whisker(double from, double to, double y, String colour, double width) {
    return String.format(
        Locale.ROOT,
        "<path d=\"M%.1f %.1fv8M%.1f %.1fH%.1fM%.1f %.1fv8\" stroke=\"%s\" stroke-width=\"%.1f\""
            + " fill=\"none\"/>%n",
        from,
        y - 4,
        from,
        y,
        to,
        to,
        y - 4,
        colour,
        width);
  }

  private static String text(
      double x, double y, String anchor, int size, String style, String content) {
    String weight = style.equals("bold") ? " font-weight=\"bold\"" : "";
    String italic = style.equals("italic") ? " font-style=\"italic\" fill=\"#777777\"" : "";
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\"%s%s>%s</text>%n",
        x,
        y,
        anchor,
        size,
        weight,
        italic,
        escape(content));
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Maps nanoseconds to x on the log axis. */
  private record Scale(int firstDecade, int lastDecade) {
    double x(double value) {
      double log = Math.log10(Math.max(value, Math.pow(10, firstDecade)));
      return PLOT_LEFT
          + (log - firstDecade) / (lastDecade - firstDecade) * (PLOT_RIGHT - PLOT_LEFT);
    }
  }
}
