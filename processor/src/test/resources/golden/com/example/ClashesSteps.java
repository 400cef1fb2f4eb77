package com.example;

import dev.waymark.Workflow;
import javax.annotation.processing.Generated;

/**
 * Workflow builders for the {@code @Step} methods of {@link Clashes}.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class ClashesSteps {
  private ClashesSteps() {
  }

  /**
   * Builds a task of {@link Clashes#readData(int)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> readData(int READ_DATA__) {
    return Clashes_WaymarkModule.READ_DATA.call(Workflow.of(READ_DATA__));
  }

  /**
   * Builds a task of {@link Clashes#readData(int)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> readData(Workflow<? extends Integer> READ_DATA__) {
    return Clashes_WaymarkModule.READ_DATA.call(READ_DATA__);
  }

  /**
   * Builds a task of {@link Clashes#read_data(int)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> read_data(int Workflow_) {
    return Clashes_WaymarkModule.READ_DATA_.call(Workflow.of(Workflow_));
  }

  /**
   * Builds a task of {@link Clashes#read_data(int)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> read_data(Workflow<? extends Integer> Workflow_) {
    return Clashes_WaymarkModule.READ_DATA_.call(Workflow_);
  }

  /**
   * Builds a task of {@link Clashes#copy(Clashes.Input, Clashes.Module)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Clashes.Input> copy(Clashes.Input input, Clashes.Module module) {
    return Clashes_WaymarkModule.COPY.call(Workflow.of(input), Workflow.of(module));
  }

  /**
   * Builds a task of {@link Clashes#copy(Clashes.Input, Clashes.Module)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Clashes.Input> copy(Workflow<? extends Clashes.Input> input,
      Workflow<? extends Clashes.Module> module) {
    return Clashes_WaymarkModule.COPY.call(input, module);
  }
}
