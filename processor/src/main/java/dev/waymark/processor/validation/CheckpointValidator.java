package dev.waymark.processor.validation;

import dev.waymark.processor.base.Message;
import dev.waymark.processor.base.Reporter;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * Validates {@code @Checkpoint} on its own: it only means something on a {@code @Step} method,
 * whose validation reads its value. A class with no step at all never reaches {@link
 * StepValidator}.
 */
public final class CheckpointValidator {
  private final Reporter reporter;

  public CheckpointValidator(Reporter reporter) {
    this.reporter = reporter;
  }

  /** Reports {@code @Checkpoint} on {@code element} when it is not a {@code @Step} method. */
  public void validate(Element element) {
    if (!(element instanceof ExecutableElement method)) {
      return; // @Target(METHOD): javac has reported anything else
    }
    if (StepMethod.annotation(method, StepMethod.STEP_ANNOTATION).isPresent()) {
      return;
    }
    StepMethod.annotation(method, StepMethod.CHECKPOINT_ANNOTATION)
        .ifPresent(
            checkpoint ->
                reporter.error(
                    method, checkpoint, Message.CHECKPOINT_WITHOUT_STEP, method.getSimpleName()));
  }
}
