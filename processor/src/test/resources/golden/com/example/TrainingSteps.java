package com.example;

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
   * Saves its state after each epoch; the first attempt fails halfway, the retry resumes.
   *
   * <p>Builds a task of {@link Training#train(int, dev.waymark.Checkpointer)},
   * with its {@link dev.waymark.Checkpointer} supplied by the runtime:
   * runs nothing until the workflow runs.
   *
   * <p>Options:
   * <code>retryExceptions true</code>.
   */
  public static Workflow<Double> train(int epochs) {
    return Training_WaymarkModule.TRAIN.call(Workflow.of(epochs));
  }

  /**
   * Saves its state after each epoch; the first attempt fails halfway, the retry resumes.
   *
   * <p>Builds a task of {@link Training#train(int, dev.waymark.Checkpointer)},
   * with its {@link dev.waymark.Checkpointer} supplied by the runtime,
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   *
   * <p>Options:
   * <code>retryExceptions true</code>.
   */
  public static Workflow<Double> train(Workflow<? extends Integer> epochs) {
    return Training_WaymarkModule.TRAIN.call(epochs);
  }

  /**
   * Only supplied parameters: just the zero-argument builder.
   *
   * <p>Builds a task of {@link Training#whoAmI(dev.waymark.StepContext)},
   * with its {@link dev.waymark.StepContext} supplied by the runtime:
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> whoAmI() {
    return Training_WaymarkModule.WHO_AM_I.call();
  }

  /**
   * Saves a state and fails on the first attempt; the retry returns the state it loads.
   *
   * <p>Builds a task of {@link Training#restore(dev.waymark.Checkpointer, dev.waymark.StepContext, int)},
   * with its {@link dev.waymark.Checkpointer} and {@link dev.waymark.StepContext} supplied by the runtime:
   * runs nothing until the workflow runs.
   *
   * <p>Options:
   * <code>maxRetries 1</code>,
   * <code>retryExceptions true</code>.
   */
  public static Workflow<Training.TrainingState> restore(int epoch) {
    return Training_WaymarkModule.RESTORE.call(Workflow.of(epoch));
  }

  /**
   * Saves a state and fails on the first attempt; the retry returns the state it loads.
   *
   * <p>Builds a task of {@link Training#restore(dev.waymark.Checkpointer, dev.waymark.StepContext, int)},
   * with its {@link dev.waymark.Checkpointer} and {@link dev.waymark.StepContext} supplied by the runtime,
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   *
   * <p>Options:
   * <code>maxRetries 1</code>,
   * <code>retryExceptions true</code>.
   */
  public static Workflow<Training.TrainingState> restore(Workflow<? extends Integer> epoch) {
    return Training_WaymarkModule.RESTORE.call(epoch);
  }

  /**
   * An instance step whose inputs sit around the supplied parameters, the last one varargs.
   *
   * <p>Builds a task of {@link Training#advance(String, dev.waymark.Checkpointer, dev.waymark.StepContext, int[])},
   * with its {@link dev.waymark.Checkpointer} and {@link dev.waymark.StepContext} supplied by the runtime:
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> advance(String job, int... sizes) {
    return Training_WaymarkModule.ADVANCE.call(Workflow.of(job), Workflow.of(sizes));
  }

  /**
   * An instance step whose inputs sit around the supplied parameters, the last one varargs.
   *
   * <p>Builds a task of {@link Training#advance(String, dev.waymark.Checkpointer, dev.waymark.StepContext, int[])},
   * with its {@link dev.waymark.Checkpointer} and {@link dev.waymark.StepContext} supplied by the runtime,
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> advance(Workflow<? extends String> job,
      Workflow<? extends int[]> sizes) {
    return Training_WaymarkModule.ADVANCE.call(job, sizes);
  }
}
