package dev.waymark.internal;

import dev.waymark.Result;
import dev.waymark.StepOptions;
import dev.waymark.Workflow;
import java.util.Objects;

/** A call of a step over its inputs, with the call's own options. */
final class StepNode<T> extends Node<T> {
  final StepDefinition<?> step;
  private final Node<?>[] inputs;

  /** Options set on this call; the step's annotation supplies the rest. */
  final StepOptions callOptions;

  /** Whether failures become a {@link Result} (annotation or call). */
  final boolean catching;

  StepNode(StepDefinition<?> step, Node<?>[] inputs, StepOptions callOptions, boolean catching) {
    this.step = step;
    this.inputs = inputs;
    this.callOptions = callOptions;
    this.catching = catching;
  }

  @Override
  Node<?>[] inputs() {
    return inputs;
  }

  @Override
  public Workflow<T> options(StepOptions options) {
    Objects.requireNonNull(options, "options");
    return new StepNode<>(step, inputs, TaskOptions.merge(options, callOptions), catching);
  }

  @Override
  public Workflow<Result<T>> catchExceptions() {
    if (catching) {
      throw new IllegalStateException(
          "step "
              + step.id()
              + " already catches exceptions: its workflow is a Workflow<Result<...>>");
    }
    return new StepNode<>(step, inputs, callOptions, true);
  }

  @Override
  public String name() {
    String taskId = callOptions.taskId() != null ? callOptions.taskId() : step.options().taskId();
    return taskId != null ? taskId : step.taskName();
  }

  @Override
  public String toString() {
    return "Workflow[" + step.id() + "]";
  }
}
