package dev.waymark.processor.validation;

import dev.waymark.processor.base.Message;
import dev.waymark.processor.base.Reporter;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Finds what a step produces. A step that returns {@code Workflow<T>} is a continuation: the
 * runtime runs the workflow it returns and checkpoints that workflow's result as the step's, so
 * {@code T} is what the other rules check and the builders produce.
 */
final class ContinuationRule {
  private final Reporter reporter;

  ContinuationRule(Reporter reporter) {
    this.reporter = reporter;
  }

  /**
   * What a step produces.
   *
   * @param type the declared return type, or {@code T} of a continuation's {@code Workflow<T>};
   *     {@code void} stays {@code void}
   * @param continuation whether the step returns a workflow that runs in its place
   */
  record Output(TypeMirror type, boolean continuation) {}

  /** The output of {@code method}, or empty when its {@code Workflow} says none (reported). */
  Optional<Output> outputOf(ExecutableElement method, String methodName) {
    TypeMirror declared = method.getReturnType();
    if (!isWorkflow(declared)) {
      return Optional.of(new Output(declared, false));
    }
    Optional<TypeMirror> result = resultOf(declared);
    if (result.isEmpty()) {
      String what = ((DeclaredType) declared).getTypeArguments().isEmpty() ? "raw type " : "";
      reporter.error(method, Message.STEP_RAW_WORKFLOW, methodName, what + TypeText.of(declared));
      return Optional.empty();
    }
    if (isWorkflow(result.get())) {
      reporter.error(
          method,
          Message.STEP_NESTED_WORKFLOW,
          methodName,
          TypeText.of(declared),
          flattened(result.get()));
      return Optional.empty();
    }
    return Optional.of(new Output(result.get(), true));
  }

  private static boolean isWorkflow(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement())
            .getQualifiedName()
            .contentEquals(SerializableTypeRule.WORKFLOW);
  }

  /**
   * {@code T} of {@code Workflow<T>} or {@code Workflow<? extends T>}; empty for a raw {@code
   * Workflow}, {@code Workflow<?>} and {@code Workflow<? super T>}, which name no type to produce.
   */
  private static Optional<TypeMirror> resultOf(TypeMirror workflow) {
    List<? extends TypeMirror> arguments = ((DeclaredType) workflow).getTypeArguments();
    if (arguments.isEmpty()) {
      return Optional.empty();
    }
    TypeMirror argument = arguments.get(0);
    if (argument.getKind() != TypeKind.WILDCARD) {
      return Optional.of(argument);
    }
    return Optional.ofNullable(((WildcardType) argument).getExtendsBound());
  }

  /** The innermost workflow of {@code Workflow<Workflow<...<T>>>}: {@code Workflow<T>}. */
  private static String flattened(TypeMirror workflow) {
    TypeMirror inner = workflow;
    Optional<TypeMirror> next = resultOf(inner);
    while (next.isPresent() && isWorkflow(next.get())) {
      inner = next.get();
      next = resultOf(inner);
    }
    // An inner Workflow<?> names no result: quote it as it is, and the next compile says why.
    return next.map(result -> "Workflow<" + TypeText.of(result) + ">").orElse(TypeText.of(inner));
  }
}
