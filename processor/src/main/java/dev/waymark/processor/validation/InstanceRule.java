package dev.waymark.processor.validation;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Decides whether generated code can create the single instance that a class's instance steps run
 * on: it calls {@code new C()} in a static initializer, where a checked exception cannot escape.
 */
final class InstanceRule {
  private final Types types;
  private final TypeMirror runtimeException;
  private final TypeMirror error;

  InstanceRule(Elements elements, Types types) {
    this.types = types;
    this.runtimeException = elements.getTypeElement("java.lang.RuntimeException").asType();
    this.error = elements.getTypeElement("java.lang.Error").asType();
  }

  /** Why {@code new C()} would not compile in the generated class, as a phrase after "C: ". */
  Optional<String> whyNot(TypeElement type) {
    if (type.getKind() == ElementKind.ENUM) {
      return Optional.of("it is an enum, whose only instances are its constants");
    }
    if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      return Optional.of("it is abstract");
    }
    if (type.getNestingKind() == NestingKind.MEMBER
        && type.getKind() == ElementKind.CLASS
        && !type.getModifiers().contains(Modifier.STATIC)) {
      return Optional.of("it is an inner class, whose instances need an enclosing instance");
    }
    List<ExecutableElement> noArg =
        ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
            .filter(constructor -> constructor.getParameters().isEmpty())
            .filter(constructor -> !constructor.getModifiers().contains(Modifier.PRIVATE))
            .toList();
    if (noArg.isEmpty()) {
      return Optional.of("it has no non-private no-argument constructor");
    }
    for (TypeMirror thrown : noArg.get(0).getThrownTypes()) {
      if (!types.isSubtype(thrown, runtimeException) && !types.isSubtype(thrown, error)) {
        return Optional.of(
            "its no-argument constructor throws checked exception " + TypeText.of(thrown));
      }
    }
    return Optional.empty();
  }
}
