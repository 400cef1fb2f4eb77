package dev.waymark;

import java.time.Duration;
import java.util.Objects;

/**
 * The wait before each retry of a failed step: fixed, or growing exponentially up to a cap.
 *
 * @param initial the wait before the first retry
 * @param multiplier the factor for each further retry (1 = fixed)
 * @param max the longest wait
 */
public record RetryBackoff(Duration initial, double multiplier, Duration max) {
  private static final RetryBackoff NONE = new RetryBackoff(Duration.ZERO, 1, Duration.ZERO);

  public RetryBackoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || max.isNegative()) {
      throw new IllegalArgumentException("backoff durations must not be negative");
    }
    if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException(
          "backoff multiplier must be a finite number >= 1, got " + multiplier);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "backoff max " + max + " is less than its initial wait " + initial);
    }
  }

  /** Retry at once. */
  public static RetryBackoff none() {
    return NONE;
  }

  /** The same wait before every retry. */
  public static RetryBackoff fixed(Duration delay) {
    return new RetryBackoff(delay, 1, delay);
  }

  /** {@code initial}, then times {@code multiplier} per retry, at most {@code max}. */
  public static RetryBackoff exponential(Duration initial, double multiplier, Duration max) {
    return new RetryBackoff(initial, multiplier, max);
  }

  /** The wait before retry number {@code retry} (1 for the first retry), in milliseconds. */
  public long delayMillis(int retry) {
    double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
    return (long) Math.min(millis, max.toMillis());
  }
}
