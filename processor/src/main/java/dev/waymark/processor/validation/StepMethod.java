package dev.waymark.processor.validation;

import dev.waymark.processor.base.Message;
import dev.waymark.processor.base.Reporter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * A method annotated with {@code @Step}, with the annotations kept so that errors about their
 * values can point at the value itself.
 *
 * @param method the annotated method
 * @param annotation the {@code @Step} annotation on it
 * @param explicitName the {@code name} value when the user wrote one, even an empty one
 * @param stepName the effective step name: {@code name}, or the method name when it is empty
 * @param checkpoint the {@code @Checkpoint} annotation on the method, if any
 * @param version the {@code version} value, 1 unless the user wrote another
 * @param versionValue the {@code version} value when the user wrote one
 */
record StepMethod(
    ExecutableElement method,
    AnnotationMirror annotation,
    Optional<AnnotationValue> explicitName,
    String stepName,
    Optional<AnnotationMirror> checkpoint,
    int version,
    Optional<AnnotationValue> versionValue) {

  static final String STEP_ANNOTATION = "dev.waymark.annotations.Step";
  static final String CHECKPOINT_ANNOTATION = "dev.waymark.annotations.Checkpoint";

  /** The {@code @Step} methods declared directly by {@code type}, in source order. */
  static List<StepMethod> in(TypeElement type) {
    List<StepMethod> steps = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      annotation(method, STEP_ANNOTATION).ifPresent(step -> steps.add(of(method, step)));
    }
    return steps;
  }

  /** The annotation of type {@code qualifiedName} on {@code method}, if any. */
  static Optional<AnnotationMirror> annotation(ExecutableElement method, String qualifiedName) {
    for (AnnotationMirror annotation : method.getAnnotationMirrors()) {
      TypeElement annotationType = (TypeElement) annotation.getAnnotationType().asElement();
      if (annotationType.getQualifiedName().contentEquals(qualifiedName)) {
        return Optional.of(annotation);
      }
    }
    return Optional.empty();
  }

  private static StepMethod of(ExecutableElement method, AnnotationMirror annotation) {
    Optional<AnnotationValue> explicitName = Optional.empty();
    Optional<AnnotationValue> versionValue = Optional.empty();
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        annotation.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals("name")) {
        explicitName = Optional.of(entry.getValue());
      } else if (entry.getKey().getSimpleName().contentEquals("version")) {
        versionValue = Optional.of(entry.getValue());
      }
    }
    int version =
        versionValue
            .map(AnnotationValue::getValue)
            .filter(Integer.class::isInstance)
            .map(Integer.class::cast)
            .orElse(1);
    String name = explicitName.map(value -> String.valueOf(value.getValue())).orElse("");
    return new StepMethod(
        method,
        annotation,
        explicitName,
        name.isEmpty() ? method.getSimpleName().toString() : name,
        annotation(method, CHECKPOINT_ANNOTATION),
        version,
        versionValue);
  }

  /** Whether errors about the name belong on the annotation value rather than on the method. */
  boolean hasNameValue() {
    return explicitName.isPresent() && !String.valueOf(explicitName.get().getValue()).isEmpty();
  }

  /**
   * Reports an error on {@code value} of the {@code @Step} annotation, or of an annotation nested
   * in it, or on the annotation itself when there is no such value.
   */
  void error(Reporter reporter, Optional<AnnotationValue> value, Message message, Object... args) {
    if (value.isPresent()) {
      reporter.error(method, annotation, value.get(), message, args);
    } else {
      reporter.error(method, annotation, message, args);
    }
  }

  String methodName() {
    return method.getSimpleName().toString();
  }
}
