package dev.waymark.benchmarks.peers;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/** The steps as Temporal activities: each call is scheduled, recorded in history and completed. */
@ActivityInterface
public interface TemporalActivities {
  int inc(int value);

  List<Integer> readData(int num);

  List<Integer> preprocessing(List<Integer> data);

  int aggregate(List<Integer> data);
}
