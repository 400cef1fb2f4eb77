package dev.waymark.processor.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Rejects step signatures with type variables: the method's own, or its class's, since neither says
 * which concrete types a checkpoint will hold.
 */
final class GenericSignatureRule {

  /** What makes the method generic, as a phrase after "@Step method 'm' ", if anything. */
  Optional<String> problem(ExecutableElement method) {
    if (!method.getTypeParameters().isEmpty()) {
      return Optional.of(
          method.getTypeParameters().stream()
              .map(Element::getSimpleName)
              .collect(Collectors.joining(", ", "declares type parameters <", ">")));
    }
    List<TypeMirror> signature = new ArrayList<>();
    for (VariableElement param : method.getParameters()) {
      signature.add(param.asType());
    }
    signature.add(method.getReturnType());
    for (TypeMirror type : signature) {
      Optional<TypeVariable> variable = firstVariable(type);
      if (variable.isPresent()) {
        Element owner = ((TypeParameterElement) variable.get().asElement()).getGenericElement();
        String ownerText =
            owner instanceof TypeElement
                ? TypeText.kindOf((TypeElement) owner) + " " + TypeText.of((TypeElement) owner)
                : owner.getSimpleName().toString();
        return Optional.of("uses type variable " + variable.get() + " of " + ownerText);
      }
    }
    return Optional.empty();
  }

  private static Optional<TypeVariable> firstVariable(TypeMirror type) {
    switch (type.getKind()) {
      case TYPEVAR:
        return Optional.of((TypeVariable) type);
      case ARRAY:
        return firstVariable(((ArrayType) type).getComponentType());
      case DECLARED:
        for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
          Optional<TypeVariable> found = firstVariable(argument);
          if (found.isPresent()) {
            return found;
          }
        }
        return Optional.empty();
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        TypeMirror bound =
            wildcard.getExtendsBound() != null
                ? wildcard.getExtendsBound()
                : wildcard.getSuperBound();
        return bound == null ? Optional.empty() : firstVariable(bound);
      default:
        return Optional.empty();
    }
  }
}
