package dev.waymark.benchmarks.steps;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * The three-step pipeline of the README (read_data -> preprocessing -> aggregate), as Waymark steps
 * and as the plain methods of the floor. The peers run the same three bodies.
 */
public final class Pipeline {
  /** The input of {@code readData}; the result is then 285. */
  public static final int INPUT = 10;

  private Pipeline() {}

  @Step
  public static List<Integer> readData(int num) {
    List<Integer> data = new ArrayList<>();
    for (int i = 0; i < num; i++) {
      data.add(i);
    }
    return data;
  }

  @Step
  public static List<Integer> preprocessing(List<Integer> data) {
    List<Integer> squares = new ArrayList<>();
    for (int d : data) {
      squares.add(d * d);
    }
    return squares;
  }

  @Step
  public static int aggregate(List<Integer> data) {
    int sum = 0;
    for (int d : data) {
      sum += d;
    }
    return sum;
  }

  public static Workflow<Integer> workflow() {
    return PipelineSteps.aggregate(PipelineSteps.preprocessing(PipelineSteps.readData(INPUT)));
  }
}
