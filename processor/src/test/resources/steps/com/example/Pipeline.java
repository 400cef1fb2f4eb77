package com.example;

import dev.waymark.annotations.Step;
import java.util.ArrayList;
import java.util.List;

/** Static, instance, void and zero-argument steps over records, enums, arrays and collections. */
public class Pipeline {
  int moves;

  /**
   * Reads the numbers from 1 to {@code num}, as an {@link ArrayList}.
   *
   * @param num how many to read, {@linkplain List#size() the size} of the result
   * @return the numbers
   * @throws IllegalStateException never
   */
  @Step
  static List<Integer> readData(int num) {
    List<Integer> data = new ArrayList<>();
    for (int i = 1; i <= num; i++) {
      data.add(i);
    }
    return data;
  }

  @Step
  static List<Integer> preprocessing(List<Integer> data) {
    return data.stream().map(x -> x * 2).toList();
  }

  @Step
  static int aggregate(List<Integer> data) {
    return data.stream().mapToInt(Integer::intValue).sum();
  }

  @Step(name = "other")
  Point move(Point p, Color c, int[] xs) {
    moves++;
    return new Point(p.x() + xs.length, p.label() + c, p.tags());
  }

  @Step
  int countMoves() {
    return moves;
  }

  @Step
  static void log(String message, Point[] points) {}

  @Step
  static long sum(long... values) {
    long total = 0;
    for (long value : values) {
      total += value;
    }
    return total;
  }

  record Point(int x, String label, List<Integer> tags) {}

  enum Color {
    RED,
    GREEN
  }
}
