package dev.waymark.test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when the test moves it, for {@code Waymark.builder().clock(..)}: a
 * durable sleep of an hour ends as soon as the test calls {@code advance(Duration.ofHours(1))}, and
 * so does a retry's backoff. The runtime notices a move within a few milliseconds. It starts at
 * {@link #START}, so that stored times are the same in every run of a test.
 */
public final class TestClock implements InstantSource {
  /** Where a new clock starts: 2030-01-01T00:00:00Z. */
  public static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final AtomicLong millis;

  /** A clock at {@link #START}. */
  public TestClock() {
    this(START);
  }

  /** A clock at {@code start}. */
  public TestClock(Instant start) {
    this.millis = new AtomicLong(start.toEpochMilli());
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }

  @Override
  public long millis() {
    return millis.get();
  }

  /**
   * Moves the clock forward by {@code duration}.
   *
   * @throws IllegalArgumentException for a negative duration: time does not go back
   */
  public TestClock advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a clock does not go back; got " + duration);
    }
    millis.addAndGet(duration.toMillis());
    return this;
  }

  /**
   * Moves the clock forward to {@code instant}.
   *
   * @throws IllegalArgumentException when {@code instant} is before the clock's time
   */
  public TestClock set(Instant instant) {
    long target = instant.toEpochMilli();
    long now = millis.get();
    if (target < now) {
      throw new IllegalArgumentException(
          "a clock does not go back: it reads " + Instant.ofEpochMilli(now) + ", not " + instant);
    }
    millis.accumulateAndGet(target, Math::max);
    return this;
  }

  @Override
  public String toString() {
    return "TestClock[" + instant() + "]";
  }
}
