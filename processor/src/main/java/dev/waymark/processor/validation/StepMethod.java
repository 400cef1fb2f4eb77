package dev.waymark.processor.validation;

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
 * A method annotated with {@code @Step}, with the annotation kept so that errors about its {@code
 * name} can point at the value itself.
 *
 * @param method the annotated method
 * @param annotation the {@code @Step} annotation on it
 * @param explicitName the {@code name} value when the user wrote one, even an empty one
 * @param stepName the effective step name: {@code name}, or the method name when it is empty
 */
record StepMethod(
    ExecutableElement method,
    AnnotationMirror annotation,
    Optional<AnnotationValue> explicitName,
    String stepName) {

  static final String STEP_ANNOTATION = "dev.waymark.annotations.Step";

  /** The {@code @Step} methods declared directly by {@code type}, in source order. */
  static List<StepMethod> in(TypeElement type) {
    List<StepMethod> steps = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      for (AnnotationMirror annotation : method.getAnnotationMirrors()) {
        TypeElement annotationType = (TypeElement) annotation.getAnnotationType().asElement();
        if (annotationType.getQualifiedName().contentEquals(STEP_ANNOTATION)) {
          steps.add(of(method, annotation));
        }
      }
    }
    return steps;
  }

  private static StepMethod of(ExecutableElement method, AnnotationMirror annotation) {
    Optional<AnnotationValue> explicitName = Optional.empty();
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        annotation.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals("name")) {
        explicitName = Optional.of(entry.getValue());
      }
    }
    String name = explicitName.map(value -> String.valueOf(value.getValue())).orElse("");
    return new StepMethod(
        method,
        annotation,
        explicitName,
        name.isEmpty() ? method.getSimpleName().toString() : name);
  }

  /** Whether errors about the name belong on the annotation value rather than on the method. */
  boolean hasNameValue() {
    return explicitName.isPresent() && !String.valueOf(explicitName.get().getValue()).isEmpty();
  }

  String methodName() {
    return method.getSimpleName().toString();
  }
}
