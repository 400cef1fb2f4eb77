package dev.waymark;

import java.util.Optional;

/**
 * Progress saved inside a long step, typed. A later attempt of the same task (a retry, or a resume
 * after the process was killed) {@linkplain #load() loads} the last state any earlier attempt
 * saved, so it continues instead of starting over; an attempt that dies before saving anything
 * loses nothing of what earlier attempts saved. The state is discarded once the step's output is
 * stored.
 *
 * <p>Declare it as a step parameter ({@code Checkpointer<TrainingState> checkpoint}); the generated
 * builder does not expose it, the runtime supplies it. The state type must be a type Waymark can
 * serialize, like a step's inputs.
 *
 * @param <S> the state's type
 */
public interface Checkpointer<S> {

  /** The last state saved for this task, by this attempt or an earlier one; empty if none. */
  Optional<S> load();

  /** Saves {@code state}; it is durable (survives the death of the process) when this returns. */
  void save(S state);

  /**
   * Saves {@code state} in the background and returns at once: the state is serialized now (later
   * changes to the object do not matter), written soon after, and when several are pending only the
   * latest is written. Everything pending is written before the step's output is stored.
   */
  void saveAsync(S state);
}
