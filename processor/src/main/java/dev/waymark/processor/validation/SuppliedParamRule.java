package dev.waymark.processor.validation;

import dev.waymark.processor.base.Message;
import dev.waymark.processor.base.Reporter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Tells the parameters that the runtime supplies to a running step, its {@code Checkpointer<S>} and
 * its {@code StepContext}, from the inputs that callers pass, and reports those it cannot supply: a
 * {@code Checkpointer} that names no state type, and a second parameter of either kind.
 */
final class SuppliedParamRule {
  private static final String CHECKPOINTER = "dev.waymark.Checkpointer";
  private static final String STEP_CONTEXT = "dev.waymark.StepContext";

  private final Reporter reporter;

  SuppliedParamRule(Reporter reporter) {
    this.reporter = reporter;
  }

  /** Who provides a parameter's value when the step runs. */
  enum Kind {
    INPUT,
    CHECKPOINTER,
    CONTEXT
  }

  /**
   * The kind of a parameter of this type. Only the runtime's own interfaces count, raw or not: a
   * type of the user's that implements one of them is an input like any other.
   */
  static Kind kindOf(TypeMirror type) {
    if (type.getKind() == TypeKind.DECLARED) {
      TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
      if (element.getQualifiedName().contentEquals(CHECKPOINTER)) {
        return Kind.CHECKPOINTER;
      }
      if (element.getQualifiedName().contentEquals(STEP_CONTEXT)) {
        return Kind.CONTEXT;
      }
    }
    return Kind.INPUT;
  }

  /** The number of parameters that callers pass, which is the arity of the builders. */
  static int inputCount(ExecutableElement method) {
    return (int)
        method.getParameters().stream()
            .filter(param -> kindOf(param.asType()) == Kind.INPUT)
            .count();
  }

  /**
   * {@code S} of a {@code Checkpointer<S>} parameter's type, or empty for a raw {@code
   * Checkpointer} and a wildcard, which name no single type to save and load.
   */
  static Optional<TypeMirror> stateTypeOf(TypeMirror checkpointer) {
    List<? extends TypeMirror> arguments = ((DeclaredType) checkpointer).getTypeArguments();
    if (arguments.isEmpty() || arguments.get(0).getKind() == TypeKind.WILDCARD) {
      return Optional.empty();
    }
    return Optional.of(arguments.get(0));
  }

  /**
   * Reports, on the parameter, a {@code Checkpointer} parameter that names no state type; returns
   * the state type otherwise, for the caller to check like any other checkpointed type.
   */
  Optional<TypeMirror> stateType(VariableElement param, String methodName) {
    Optional<TypeMirror> state = stateTypeOf(param.asType());
    if (state.isEmpty()) {
      // Checkpointer<? extends S> cannot save an S, and Checkpointer<? super S> cannot load one.
      boolean raw = ((DeclaredType) param.asType()).getTypeArguments().isEmpty();
      String problem =
          raw
              ? "is raw type Checkpointer, which names no state type"
              : "is " + TypeText.of(param.asType()) + ", whose wildcard names no single state type";
      reporter.error(param, Message.STEP_CHECKPOINTER_TYPE, subject(param), methodName, problem);
    }
    return state;
  }

  /** Reports each parameter after the first of its kind, on that parameter. */
  void checkDuplicates(ExecutableElement method, String methodName) {
    Map<Kind, VariableElement> first = new EnumMap<>(Kind.class);
    for (VariableElement param : method.getParameters()) {
      Kind kind = kindOf(param.asType());
      if (kind == Kind.INPUT) {
        continue;
      }
      VariableElement previous = first.putIfAbsent(kind, param);
      if (previous != null) {
        reporter.error(
            param,
            Message.STEP_DUPLICATE_CONTEXT,
            subject(param),
            methodName,
            kind == Kind.CHECKPOINTER ? "Checkpointer" : "StepContext",
            previous.getSimpleName());
      }
    }
  }

  static String subject(VariableElement param) {
    return "parameter '" + param.getSimpleName() + "'";
  }
}
