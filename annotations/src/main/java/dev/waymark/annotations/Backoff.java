package dev.waymark.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The wait before a retry: {@code delayMillis} before the first retry, multiplied by {@code
 * multiplier} for each further one, never more than {@code maxDelayMillis}. A multiplier of 1 is a
 * fixed delay.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Backoff {
  /** The wait before the first retry, in milliseconds; 0 retries at once. */
  long delayMillis() default 0;

  /** The factor applied to the wait for each further retry; at least 1. */
  double multiplier() default 1;

  /** The longest wait, in milliseconds. */
  long maxDelayMillis() default 60_000;
}
