package com.example;

import dev.waymark.Workflow;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Workflow builders for the {@code @Step} methods of {@link Pipeline}.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class PipelineSteps {
  private PipelineSteps() {
  }

  /**
   * Reads the numbers from 1 to {@code num}, as an {@code ArrayList}.
   *
   * <p>Builds a task of {@link Pipeline#readData(int)}:
   * runs nothing until the workflow runs.
   *
   * @param num how many to read, the size of the result
   */
  public static Workflow<List<Integer>> readData(int num) {
    return Pipeline_WaymarkModule.READ_DATA.call(Workflow.of(num));
  }

  /**
   * Reads the numbers from 1 to {@code num}, as an {@code ArrayList}.
   *
   * <p>Builds a task of {@link Pipeline#readData(int)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   *
   * @param num how many to read, the size of the result
   */
  public static Workflow<List<Integer>> readData(Workflow<? extends Integer> num) {
    return Pipeline_WaymarkModule.READ_DATA.call(num);
  }

  /**
   * Builds a task of {@link Pipeline#preprocessing(List)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<List<Integer>> preprocessing(List<Integer> data) {
    return Pipeline_WaymarkModule.PREPROCESSING.call(Workflow.of(data));
  }

  /**
   * Builds a task of {@link Pipeline#preprocessing(List)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<List<Integer>> preprocessing(Workflow<? extends List<Integer>> data) {
    return Pipeline_WaymarkModule.PREPROCESSING.call(data);
  }

  /**
   * Builds a task of {@link Pipeline#aggregate(List)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> aggregate(List<Integer> data) {
    return Pipeline_WaymarkModule.AGGREGATE.call(Workflow.of(data));
  }

  /**
   * Builds a task of {@link Pipeline#aggregate(List)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> aggregate(Workflow<? extends List<Integer>> data) {
    return Pipeline_WaymarkModule.AGGREGATE.call(data);
  }

  /**
   * Builds a task of {@link Pipeline#move(Pipeline.Point, Pipeline.Color, int[])}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Pipeline.Point> other(Pipeline.Point p, Pipeline.Color c, int[] xs) {
    return Pipeline_WaymarkModule.OTHER.call(Workflow.of(p), Workflow.of(c), Workflow.of(xs));
  }

  /**
   * Builds a task of {@link Pipeline#move(Pipeline.Point, Pipeline.Color, int[])},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Pipeline.Point> other(Workflow<? extends Pipeline.Point> p,
      Workflow<? extends Pipeline.Color> c, Workflow<? extends int[]> xs) {
    return Pipeline_WaymarkModule.OTHER.call(p, c, xs);
  }

  /**
   * Builds a task of {@link Pipeline#countMoves()}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> countMoves() {
    return Pipeline_WaymarkModule.COUNT_MOVES.call();
  }

  /**
   * Builds a task of {@link Pipeline#log(String, Pipeline.Point[])}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Void> log(String message, Pipeline.Point[] points) {
    return Pipeline_WaymarkModule.LOG.call(Workflow.of(message), Workflow.of(points));
  }

  /**
   * Builds a task of {@link Pipeline#log(String, Pipeline.Point[])},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Void> log(Workflow<? extends String> message,
      Workflow<? extends Pipeline.Point[]> points) {
    return Pipeline_WaymarkModule.LOG.call(message, points);
  }

  /**
   * Builds a task of {@link Pipeline#sum(long[])}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Long> sum(long... values) {
    return Pipeline_WaymarkModule.SUM.call(Workflow.of(values));
  }

  /**
   * Builds a task of {@link Pipeline#sum(long[])},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Long> sum(Workflow<? extends long[]> values) {
    return Pipeline_WaymarkModule.SUM.call(values);
  }
}
