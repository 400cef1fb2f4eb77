package dev.waymark.benchmarks.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every figure of one run, plus facts the parts learned on the way (versions, sizes). */
public final class Results {
  private final Map<String, Figure> figures = new LinkedHashMap<>();
  private final Map<String, String> info = new LinkedHashMap<>();

  public void add(Figure figure) {
    figures.put(figure.id(), figure);
  }

  public void add(String id, List<Double> samples) {
    add(Figure.of(id, samples));
  }

  public void notMeasured(String id, String reason) {
    add(Figure.notMeasured(id, reason));
  }

  /** Marks every id not measured yet as not measured for {@code reason}. */
  public void notMeasuredUnlessPresent(List<String> ids, String reason) {
    for (String id : ids) {
      figures.putIfAbsent(id, Figure.notMeasured(id, reason));
    }
  }

  /** The figure, or one saying it was not run. */
  public Figure get(String id) {
    Figure figure = figures.get(id);
    return figure != null ? figure : Figure.notMeasured(id, "not run");
  }

  public Map<String, Figure> all() {
    return figures;
  }

  public void info(String key, String value) {
    info.put(key, value);
  }

  public String info(String key) {
    return info.get(key);
  }

  public Map<String, String> allInfo() {
    return info;
  }
}
