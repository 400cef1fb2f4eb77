package com.example;

import dev.waymark.Workflow;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Workflow builders for the {@code @Step} methods of {@link Box}.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class BoxSteps {
  private BoxSteps() {
  }

  /**
   * Builds a task of {@link Box#describe(String)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> describe(String label) {
    return Box_WaymarkModule.DESCRIBE.call(Workflow.of(label));
  }

  /**
   * Builds a task of {@link Box#describe(String)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> describe(Workflow<? extends String> label) {
    return Box_WaymarkModule.DESCRIBE.call(label);
  }

  /**
   * Builds a task of {@link Box#size(List)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> size(List<String> items) {
    return Box_WaymarkModule.SIZE.call(Workflow.of(items));
  }

  /**
   * Builds a task of {@link Box#size(List)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> size(Workflow<? extends List<String>> items) {
    return Box_WaymarkModule.SIZE.call(items);
  }
}
