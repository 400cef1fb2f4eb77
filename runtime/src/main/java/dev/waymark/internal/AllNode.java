package dev.waymark.internal;

import java.util.List;

/** Fan-in: a list of its inputs' results. Computed from its inputs, never stored itself. */
final class AllNode<T> extends Node<List<T>> {
  private final Node<?>[] inputs;

  AllNode(Node<?>[] inputs) {
    this.inputs = inputs;
  }

  @Override
  Node<?>[] inputs() {
    return inputs;
  }

  @Override
  public String name() {
    return "all";
  }

  @Override
  public String toString() {
    return "Workflow[all of " + inputs.length + "]";
  }
}
