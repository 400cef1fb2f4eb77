package com.example;

import dev.waymark.Checkpointer;
import dev.waymark.StepContext;
import dev.waymark.annotations.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * Steps with parameters that the runtime supplies, anywhere in the list: a Checkpointer of the
 * step's saved progress, the StepContext. The builders take the other parameters only.
 */
public class Training {
  /** Epochs that train ran, across its attempts. */
  static int epochsRun;

  record TrainingState(int epoch, double loss) {}

  /** Reached only through a Checkpointer's state, and registered all the same. */
  enum Phase {
    WARM_UP,
    MAIN,
    COOL_DOWN
  }

  /** Saves its state after each epoch; the first attempt fails halfway, the retry resumes. */
  @Step(maxRetries = 3, retryExceptions = true)
  static double train(int epochs, Checkpointer<TrainingState> checkpoint) {
    TrainingState state = checkpoint.load().orElse(new TrainingState(0, 1.0));
    for (int epoch = state.epoch(); epoch < epochs; epoch++) {
      if (epoch == epochs / 2 && StepContext.current().attempt() == 1) {
        throw new IllegalStateException("interrupted at epoch " + epoch);
      }
      epochsRun++;
      state = new TrainingState(epoch + 1, state.loss() / 2);
      checkpoint.save(state);
    }
    return state.loss();
  }

  /** Only supplied parameters: just the zero-argument builder. */
  @Step
  static String whoAmI(StepContext context) {
    return context.idempotencyKey() + "@" + context.attempt();
  }

  /** Saves a state and fails on the first attempt; the retry returns the state it loads. */
  @Step(maxRetries = 1, retryExceptions = true)
  static TrainingState restore(
      Checkpointer<TrainingState> checkpoint, StepContext context, int epoch) {
    if (context.attempt() == 1) {
      checkpoint.save(new TrainingState(epoch, 0.5));
      throw new IllegalStateException("fails after saving");
    }
    return checkpoint.load().orElse(new TrainingState(-1, -1));
  }

  /** An instance step whose inputs sit around the supplied parameters, the last one varargs. */
  @Step
  String advance(String job, Checkpointer<List<Phase>> done, StepContext context, int... sizes) {
    List<Phase> phases = new ArrayList<>(done.load().orElse(List.of()));
    for (Phase phase : Phase.values()) {
      if (!phases.contains(phase)) {
        phases.add(phase);
        done.saveAsync(phases);
      }
    }
    return job + " " + phases + " " + sizes.length + " in " + context.taskId();
  }
}
