package dev.waymark.benchmarks.peers;

import dev.waymark.benchmarks.steps.Pipeline;
import java.util.List;

/** The same bodies as the Waymark steps. */
public final class TemporalActivitiesImpl implements TemporalActivities {
  @Override
  public int inc(int value) {
    return value + 1;
  }

  @Override
  public List<Integer> readData(int num) {
    return Pipeline.readData(num);
  }

  @Override
  public List<Integer> preprocessing(List<Integer> data) {
    return Pipeline.preprocessing(data);
  }

  @Override
  public int aggregate(List<Integer> data) {
    return Pipeline.aggregate(data);
  }
}
