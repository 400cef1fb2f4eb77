package dev.waymark.samples;

import dev.waymark.annotations.Step;
import java.util.ArrayList;
import java.util.List;

/** The three-step pipeline of the getting-started guide: read, square, sum. */
public final class Pipeline {
  private Pipeline() {}

  @Step
  static List<Integer> readData(int num) {
    List<Integer> data = new ArrayList<>();
    for (int i = 0; i < num; i++) {
      data.add(i);
    }
    return data;
  }

  @Step
  static List<Integer> preprocessing(List<Integer> data) {
    List<Integer> squares = new ArrayList<>();
    for (int d : data) {
      squares.add(d * d);
    }
    return squares;
  }

  @Step
  static int aggregate(List<Integer> data) {
    int sum = 0;
    for (int d : data) {
      sum += d;
    }
    return sum;
  }
}
