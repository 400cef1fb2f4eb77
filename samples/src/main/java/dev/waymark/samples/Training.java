package dev.waymark.samples;

import dev.waymark.Checkpointer;
import dev.waymark.annotations.Step;

/**
 * A long step that saves its progress as it goes: a training loop that, after a crash or a failed
 * attempt, continues from its last saved epoch instead of from zero.
 */
public final class Training {
  private Training() {}

  /** What the loop saves after every epoch. */
  public record TrainingState(int epoch, double loss) {}

  /**
   * Trains for {@code epochs} epochs. The runtime supplies {@code checkpoint}; the generated
   * builder takes only {@code epochs}.
   */
  @Step(maxRetries = 3, retryExceptions = true)
  static double train(int epochs, Checkpointer<TrainingState> checkpoint)
      throws InterruptedException {
    TrainingState state = checkpoint.load().orElse(new TrainingState(0, 1.0));
    if (state.epoch() > 0) {
      System.out.printf("  resuming at epoch %d (loss %.4f)%n", state.epoch(), state.loss());
    }
    for (int epoch = state.epoch(); epoch < epochs; epoch++) {
      Thread.sleep(50); // the epoch's work
      state = new TrainingState(epoch + 1, state.loss() * 0.9);
      if (state.epoch() % 10 == 0) {
        checkpoint.save(state); // durable when it returns: a milestone
        System.out.printf("  epoch %d saved%n", state.epoch());
      } else {
        checkpoint.saveAsync(state); // returns at once; flushed before the output is stored
      }
    }
    return state.loss();
  }

  /**
   * The seed's use_checkpoint: {@code n} iterations that fail every {@code n / 3} of them; each
   * attempt goes on from the last saved index, so three retries are enough.
   */
  @Step(maxRetries = 3, retryExceptions = true)
  static int useCheckpoint(int n, Checkpointer<Integer> checkpoint) {
    int start = checkpoint.load().orElse(0);
    for (int i = start; i < n; i++) {
      if (i > start && i % (n / 3) == 0) {
        throw new IllegalStateException("recoverable failure at iteration " + i);
      }
      checkpoint.save(i + 1);
    }
    return n;
  }
}
