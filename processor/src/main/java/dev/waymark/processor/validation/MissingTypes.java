package dev.waymark.processor.validation;

import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Finds types in a step class's signatures that do not exist yet, typically because another
 * processor generates them in a later round; such a class waits for that round.
 */
final class MissingTypes {
  private final Set<TypeElement> visitedRecords = new HashSet<>();

  /** Whether any step signature, or a record it reaches, refers to a type not found. */
  static boolean anyIn(Iterable<StepMethod> steps) {
    MissingTypes walk = new MissingTypes();
    for (StepMethod step : steps) {
      ExecutableElement method = step.method();
      for (VariableElement param : method.getParameters()) {
        if (walk.missing(param.asType())) {
          return true;
        }
      }
      if (walk.missing(method.getReturnType())) {
        return true;
      }
      for (TypeMirror thrown : method.getThrownTypes()) {
        if (walk.missing(thrown)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean missing(TypeMirror type) {
    if (type.getKind() == TypeKind.ERROR) {
      return true;
    }
    if (type.getKind() == TypeKind.ARRAY) {
      return missing(((ArrayType) type).getComponentType());
    }
    if (type.getKind() == TypeKind.WILDCARD) {
      WildcardType wildcard = (WildcardType) type;
      return (wildcard.getExtendsBound() != null && missing(wildcard.getExtendsBound()))
          || (wildcard.getSuperBound() != null && missing(wildcard.getSuperBound()));
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    DeclaredType declared = (DeclaredType) type;
    for (TypeMirror argument : declared.getTypeArguments()) {
      if (missing(argument)) {
        return true;
      }
    }
    TypeElement element = (TypeElement) declared.asElement();
    if (element.getKind() == ElementKind.RECORD && visitedRecords.add(element)) {
      for (RecordComponentElement component : element.getRecordComponents()) {
        if (missing(component.asType())) {
          return true;
        }
      }
    }
    return false;
  }
}
