package dev.waymark.processor.validation;

import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Renders types and methods for messages the way a user wrote them, {@code List<Thread>} rather
 * than {@code java.util.List<java.lang.Thread>}, because messages quote the user's code.
 */
final class TypeText {
  private TypeText() {}

  static String of(TypeMirror type) {
    switch (type.getKind()) {
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        String name = of((TypeElement) declared.asElement());
        List<? extends TypeMirror> args = declared.getTypeArguments();
        return args.isEmpty()
            ? name
            : args.stream().map(TypeText::of).collect(Collectors.joining(", ", name + "<", ">"));
      case ARRAY:
        return of(((ArrayType) type).getComponentType()) + "[]";
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          return "? extends " + of(wildcard.getExtendsBound());
        }
        return wildcard.getSuperBound() != null ? "? super " + of(wildcard.getSuperBound()) : "?";
      default:
        // Primitives, type variables and error types already print as written.
        return type.toString();
    }
  }

  /** The nested name of a type, {@code Pipeline.Point}, without its package. */
  static String of(TypeElement type) {
    Element enclosing = type.getEnclosingElement();
    String simple = type.getSimpleName().toString();
    return enclosing instanceof TypeElement ? of((TypeElement) enclosing) + "." + simple : simple;
  }

  /** A method with its parameter types, {@code move(Point, Color)}, to tell overloads apart. */
  static String signature(ExecutableElement method) {
    return method.getParameters().stream()
        .map(param -> of(param.asType()))
        .collect(Collectors.joining(", ", method.getSimpleName() + "(", ")"));
  }

  /** "record", "enum", "class" or "interface", as the user would call the type. */
  static String kindOf(TypeElement type) {
    ElementKind kind = type.getKind();
    switch (kind) {
      case RECORD:
        return "record";
      case ENUM:
        return "enum";
      case INTERFACE:
      case ANNOTATION_TYPE:
        return "interface";
      default:
        return "class";
    }
  }
}
