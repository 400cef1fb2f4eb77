package dev.waymark.processor.validation;

import dev.waymark.processor.base.Message;
import dev.waymark.processor.base.Reporter;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;

/**
 * Reports a step's {@code cpus}, {@code gpus} and {@code resources} that the runtime would refuse:
 * negative or non-finite amounts, resource names it does not accept, a resource listed twice.
 */
final class ResourceRule {
  /** The resource names that {@code StepOptions.resource} accepts. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

  private final Reporter reporter;

  ResourceRule(Reporter reporter) {
    this.reporter = reporter;
  }

  void check(StepMethod step) {
    AnnotationValues values = AnnotationValues.of(step.annotation());
    checkUnits(step, values, "cpus");
    checkUnits(step, values, "gpus");
    Set<String> names = new HashSet<>();
    for (AnnotationValue element : values.list("resources")) {
      if (element.getValue() instanceof AnnotationMirror resource) {
        checkResource(step, AnnotationValues.of(resource), names);
      }
    }
  }

  // @Step(cpus = -1)
  private void checkUnits(StepMethod step, AnnotationValues values, String element) {
    double amount = values.doubleValue(element);
    if (!Double.isFinite(amount) || amount < 0) {
      String problem =
          "is "
              + amount
              + (Double.isFinite(amount) ? ", a negative amount" : ", not a finite number");
      error(step, values.written(element), element, problem, "use 0 or a finite positive number");
    }
  }

  // @Resource(name = "gpu license", amount = 0)
  private void checkResource(StepMethod step, AnnotationValues resource, Set<String> names) {
    Optional<String> name = resource.string("name");
    if (name.isEmpty()) {
      return; // an erroneous value, which javac has reported
    }
    String subject = "resource \"" + name.get() + "\"";
    if (!NAME.matcher(name.get()).matches()) {
      error(
          step,
          resource.written("name"),
          subject,
          "has a name that the runtime does not accept",
          "use only letters, digits, '.', '_' or '-'");
    } else if (!names.add(name.get())) {
      error(
          step,
          resource.written("name"),
          subject,
          "is listed twice",
          "list each resource once, with the total amount that the step needs");
    }
    double amount = resource.doubleValue("amount");
    if (!Double.isFinite(amount) || amount <= 0) {
      error(
          step,
          resource.written("amount"),
          subject,
          "has amount " + amount + (Double.isFinite(amount) ? "" : ", not a finite number"),
          "give it a finite amount greater than 0, or remove it");
    }
  }

  private void error(
      StepMethod step,
      Optional<AnnotationValue> value,
      String subject,
      String problem,
      String fix) {
    step.error(
        reporter, value, Message.STEP_INVALID_RESOURCES, subject, step.methodName(), problem, fix);
  }
}
