package dev.waymark.processor.validation;

import dev.waymark.processor.base.Message;
import dev.waymark.processor.base.Reporter;
import javax.lang.model.element.TypeElement;

/**
 * Reports a step class that generated code cannot call into: a private class, a local or anonymous
 * one, or one nested in such a class.
 */
final class ClassAccessRule {
  private final TypeAccess access;
  private final Reporter reporter;

  ClassAccessRule(TypeAccess access, Reporter reporter) {
    this.access = access;
    this.reporter = reporter;
  }

  void check(TypeElement stepClass, String generatedName) {
    access
        .blocker(stepClass, access.packageOf(stepClass))
        .ifPresent(
            blocker ->
                // On the class that is private, so that the fix is underlined, even when it is an
                // enclosing class of the one with the steps.
                reporter.error(
                    blocker.type(),
                    Message.STEP_CLASS_NOT_ACCESSIBLE,
                    TypeText.kindOf(blocker.type()) + " " + TypeText.of(blocker.type()),
                    blocker.reason(),
                    generatedName,
                    blocker.isLocal()
                        ? "move the @Step methods to a top-level or static nested class"
                        : "make it package-private or public"));
  }
}
