package dev.waymark.internal;

/** A call of a step over its inputs. */
final class StepNode<T> extends Node<T> {
  final StepDefinition<T> step;
  private final Node<?>[] inputs;

  StepNode(StepDefinition<T> step, Node<?>[] inputs) {
    this.step = step;
    this.inputs = inputs;
  }

  @Override
  Node<?>[] inputs() {
    return inputs;
  }

  @Override
  public String name() {
    return step.taskName();
  }

  @Override
  public String toString() {
    return "Workflow[" + step.id() + "]";
  }
}
