package dev.waymark.processor.validation;

import dev.waymark.processor.base.Message;
import dev.waymark.processor.base.Reporter;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationValue;

/**
 * Reports {@code metadata} entries of a step that are not {@code "key=value"} with a non-empty key,
 * and keys set twice, of which the runtime would silently keep only the last.
 */
final class MetadataRule {
  private final Reporter reporter;

  MetadataRule(Reporter reporter) {
    this.reporter = reporter;
  }

  void check(StepMethod step) {
    Set<String> keys = new HashSet<>();
    for (AnnotationValue entry : AnnotationValues.of(step.annotation()).list("metadata")) {
      if (!(entry.getValue() instanceof String text)) {
        continue; // an erroneous value, which javac has reported
      }
      int separator = text.indexOf('=');
      if (separator < 0) {
        error(step, entry, text, "has no '='");
      } else if (separator == 0) {
        error(step, entry, text, "has an empty key");
      } else if (!keys.add(key(text))) {
        error(step, entry, text, "repeats key '" + key(text) + "'");
      }
    }
  }

  /** The key of a valid entry: what comes before its first '='; the value may hold more. */
  static String key(String entry) {
    return entry.substring(0, entry.indexOf('='));
  }

  /** The value of a valid entry, possibly empty. */
  static String value(String entry) {
    return entry.substring(entry.indexOf('=') + 1);
  }

  private void error(StepMethod step, AnnotationValue entry, String text, String problem) {
    step.error(
        reporter,
        Optional.of(entry),
        Message.STEP_INVALID_METADATA,
        text,
        step.methodName(),
        problem);
  }
}
