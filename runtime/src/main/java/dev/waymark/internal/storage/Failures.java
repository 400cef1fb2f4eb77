package dev.waymark.internal.storage;

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
}
