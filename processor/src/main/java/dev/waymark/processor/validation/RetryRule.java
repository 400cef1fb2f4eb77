package dev.waymark.processor.validation;

import dev.waymark.processor.base.Message;
import dev.waymark.processor.base.Reporter;
import java.util.Optional;
import javax.lang.model.element.AnnotationValue;

/**
 * Reports a step's {@code maxRetries} and {@code backoff} that the runtime would refuse: a negative
 * retry count, a negative wait, a cap below the first wait, or a multiplier that shrinks waits.
 */
final class RetryRule {
  private final Reporter reporter;

  RetryRule(Reporter reporter) {
    this.reporter = reporter;
  }

  void check(StepMethod step) {
    AnnotationValues values = AnnotationValues.of(step.annotation());
    int maxRetries = values.intValue("maxRetries");
    if (maxRetries < 0) {
      error(step, values.written("maxRetries"), Message.STEP_NEGATIVE_RETRIES, maxRetries);
    }
    checkBackoff(step, values.annotation("backoff"));
  }

  // Defaults are valid, so every problem has a written value to point at.
  private void checkBackoff(StepMethod step, AnnotationValues backoff) {
    long delay = backoff.longValue("delayMillis");
    long max = backoff.longValue("maxDelayMillis");
    double multiplier = backoff.doubleValue("multiplier");
    if (delay < 0) {
      backoffError(step, backoff, "delayMillis", "delayMillis is " + delay + ", a negative wait");
    }
    if (max < 0) {
      backoffError(
          step, backoff, "maxDelayMillis", "maxDelayMillis is " + max + ", a negative wait");
    } else if (delay >= 0 && max < delay) {
      // On the cap when the user wrote it: raising it is the likelier fix than lowering the wait.
      String where = backoff.isDefault("maxDelayMillis") ? "delayMillis" : "maxDelayMillis";
      String cap = backoff.isDefault("maxDelayMillis") ? max + " (the default)" : "" + max;
      backoffError(
          step, backoff, where, "maxDelayMillis " + cap + " is less than delayMillis " + delay);
    }
    if (!Double.isFinite(multiplier)) {
      backoffError(
          step, backoff, "multiplier", "multiplier is " + multiplier + ", not a finite number");
    } else if (multiplier < 1) {
      backoffError(
          step,
          backoff,
          "multiplier",
          "multiplier is " + multiplier + ", less than 1, so each wait would be shorter");
    }
  }

  private void backoffError(
      StepMethod step, AnnotationValues backoff, String element, String problem) {
    error(step, backoff.written(element), Message.STEP_INVALID_BACKOFF, problem);
  }

  private void error(
      StepMethod step, Optional<AnnotationValue> value, Message message, Object detail) {
    step.error(reporter, value, message, step.methodName(), detail);
  }
}
