package dev.waymark.processor.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * The values of one annotation: what the user wrote, else the annotation's declared default, so
 * that rules read effective values while errors can still point at the value that was written.
 *
 * <p>A written value of the wrong type, which javac has already reported, reads as the default (or
 * as absent for an element without one), so that one mistake is not reported twice.
 */
final class AnnotationValues {
  private final AnnotationMirror mirror;
  private final Map<String, AnnotationValue> written = new LinkedHashMap<>();
  private final Map<String, AnnotationValue> defaults = new LinkedHashMap<>();

  private AnnotationValues(AnnotationMirror mirror, boolean withWritten) {
    this.mirror = mirror;
    if (withWritten) {
      for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
          mirror.getElementValues().entrySet()) {
        written.put(entry.getKey().getSimpleName().toString(), entry.getValue());
      }
    }
    for (ExecutableElement element :
        ElementFilter.methodsIn(mirror.getAnnotationType().asElement().getEnclosedElements())) {
      if (element.getDefaultValue() != null) {
        defaults.put(element.getSimpleName().toString(), element.getDefaultValue());
      }
    }
  }

  static AnnotationValues of(AnnotationMirror mirror) {
    return new AnnotationValues(mirror, true);
  }

  /** The same annotation as if the user had written no value: its declared defaults. */
  AnnotationValues defaults() {
    return new AnnotationValues(mirror, false);
  }

  /** The value the user wrote for {@code name}, if any. */
  Optional<AnnotationValue> written(String name) {
    return Optional.ofNullable(written.get(name));
  }

  long longValue(String name) {
    return withDefault(name, Number.class).longValue();
  }

  int intValue(String name) {
    return withDefault(name, Number.class).intValue();
  }

  double doubleValue(String name) {
    // Number rather than Double: an int constant written for a double element may stay an Integer.
    return withDefault(name, Number.class).doubleValue();
  }

  boolean booleanValue(String name) {
    return withDefault(name, Boolean.class);
  }

  /** A nested annotation's values, e.g. {@code @Step(backoff = @Backoff(...))}. */
  AnnotationValues annotation(String name) {
    return of(withDefault(name, AnnotationMirror.class));
  }

  /** The elements of an array value; a single value written without braces is an array of one. */
  List<AnnotationValue> list(String name) {
    List<AnnotationValue> elements = new ArrayList<>();
    for (Object element : withDefault(name, List.class)) {
      elements.add((AnnotationValue) element);
    }
    return elements;
  }

  /** A string value, empty only when a required element's value is erroneous. */
  Optional<String> string(String name) {
    return read(name, String.class);
  }

  /**
   * The name of an enum constant value, empty only when a required element's value is erroneous.
   */
  Optional<String> enumConstant(String name) {
    return read(name, VariableElement.class).map(constant -> constant.getSimpleName().toString());
  }

  /**
   * Whether the user left {@code name} at its default, e.g. to say "(the default)" in a message.
   */
  boolean isDefault(String name) {
    return written(name).isEmpty();
  }

  /** The effective value of an element that has a default. */
  private <T> T withDefault(String name, Class<T> type) {
    return read(name, type)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no value for "
                        + name
                        + " of "
                        + mirror
                        + ": is an older waymark-annotations jar on the class path?"));
  }

  private <T> Optional<T> read(String name, Class<T> type) {
    for (AnnotationValue value : new AnnotationValue[] {written.get(name), defaults.get(name)}) {
      if (value != null && type.isInstance(value.getValue())) {
        return Optional.of(type.cast(value.getValue()));
      }
    }
    return Optional.empty();
  }
}
