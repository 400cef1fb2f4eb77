package dev.waymark.processor.validation;

import dev.waymark.processor.base.Message;
import dev.waymark.processor.base.Reporter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports two steps of one class with the same name and version, on the second: their identities
 * would clash in stored workflows and their builder methods in the generated class. Versions of one
 * name are distinct steps (the highest one gets the builders).
 */
final class DuplicateNameRule {
  private final Reporter reporter;

  DuplicateNameRule(Reporter reporter) {
    this.reporter = reporter;
  }

  void check(List<StepMethod> steps) {
    Map<String, StepMethod> first = new HashMap<>();
    for (StepMethod step : steps) {
      StepMethod previous = first.putIfAbsent(step.stepName() + "@" + step.version(), step);
      if (previous == null) {
        continue;
      }
      Object[] args = {
        step.stepName(),
        step.version() == 1 && step.versionValue().isEmpty() ? "" : " version " + step.version(),
        TypeText.signature(step.method()),
        TypeText.signature(previous.method())
      };
      if (step.hasNameValue()) {
        reporter.error(
            step.method(),
            step.annotation(),
            step.explicitName().get(),
            Message.STEP_DUPLICATE_NAME,
            args);
      } else {
        reporter.error(step.method(), Message.STEP_DUPLICATE_NAME, args);
      }
    }
  }
}
