package dev.waymark.internal.storage;

import java.util.HashMap;
import java.util.Map;

/**
 * The failed attempts of one task, as recorded: how many attempts failed in all, and how many of
 * them were cut short by the death of their process rather than by the step's own exception.
 *
 * @param attempts the number of the last failed attempt, which counts every earlier one
 * @param crashes how many of those were running when their process died
 */
public record Failures(int attempts, int crashes) {

  /** One more failed attempt, number {@code attempt}; {@code crashed} if its process died. */
  public Failures then(int attempt, boolean crashed) {
    return new Failures(Math.max(attempts, attempt), crashes + (crashed ? 1 : 0));
  }

  /**
   * {@code failed} (task key to its failed attempts) with each attempt the death of a process cut
   * short ({@code interrupted}: task key to attempt number) counted as a failed, crashed one.
   */
  public static Map<Long, Failures> withInterrupted(
      Map<Long, Failures> failed, Map<Long, Integer> interrupted) {
    Map<Long, Failures> merged = new HashMap<>(failed);
    for (Map.Entry<Long, Integer> died : interrupted.entrySet()) {
      Failures before = merged.getOrDefault(died.getKey(), NONE);
      if (before.attempts() < died.getValue()) {
        merged.put(died.getKey(), before.then(died.getValue(), true));
      }
    }
    return merged;
  }

  private static final Failures NONE = new Failures(0, 0);
}
