package com.example;

import dev.waymark.Checkpointer;
import dev.waymark.StepContext;
import dev.waymark.Workflow;
import javax.annotation.processing.Generated;

/**
 * Workflow builders for the {@code @Step} methods of {@link Training}.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class TrainingSteps {
  private TrainingSteps() {
  }

  /**
   * Builds a task of {@link Training#train(int, Checkpointer)},
   * with its {@link Checkpointer} supplied by the runtime:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Double> train(int epochs) {
    return Training_WaymarkModule.TRAIN.call(Workflow.of(epochs));
  }

  /**
   * Builds a task of {@link Training#train(int, Checkpointer)},
   * with its {@link Checkpointer} supplied by the runtime,
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Double> train(Workflow<? extends Integer> epochs) {
    return Training_WaymarkModule.TRAIN.call(epochs);
  }

  /**
   * Builds a task of {@link Training#whoAmI(StepContext)},
   * with its {@link StepContext} supplied by the runtime:
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> whoAmI() {
    return Training_WaymarkModule.WHO_AM_I.call();
  }

  /**
   * Builds a task of {@link Training#restore(Checkpointer, StepContext, int)},
   * with its {@link Checkpointer} and {@link StepContext} supplied by the runtime:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Training.TrainingState> restore(int epoch) {
    return Training_WaymarkModule.RESTORE.call(Workflow.of(epoch));
  }

  /**
   * Builds a task of {@link Training#restore(Checkpointer, StepContext, int)},
   * with its {@link Checkpointer} and {@link StepContext} supplied by the runtime,
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Training.TrainingState> restore(Workflow<? extends Integer> epoch) {
    return Training_WaymarkModule.RESTORE.call(epoch);
  }

  /**
   * Builds a task of {@link Training#advance(String, Checkpointer, StepContext, int[])},
   * with its {@link Checkpointer} and {@link StepContext} supplied by the runtime:
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> advance(String job, int... sizes) {
    return Training_WaymarkModule.ADVANCE.call(Workflow.of(job), Workflow.of(sizes));
  }

  /**
   * Builds a task of {@link Training#advance(String, Checkpointer, StepContext, int[])},
   * with its {@link Checkpointer} and {@link StepContext} supplied by the runtime,
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> advance(Workflow<? extends String> job,
      Workflow<? extends int[]> sizes) {
    return Training_WaymarkModule.ADVANCE.call(job, sizes);
  }
}
