package dev.waymark.internal;

/** A constant input, frozen as its serialized bytes when the DAG is built. */
final class ValueNode<T> extends Node<T> {
  private static final Node<?>[] NO_INPUTS = new Node<?>[0];

  final byte[] bytes;

  /** Whether the constant is null, which a primitive parameter cannot take. */
  final boolean isNull;

  ValueNode(T value) {
    this.bytes = CheckpointCodec.serialize(value);
    this.isNull = value == null;
  }

  @Override
  Node<?>[] inputs() {
    return NO_INPUTS;
  }

  @Override
  public String name() {
    return "value";
  }

  @Override
  public String toString() {
    return "Workflow[value, " + bytes.length + " bytes]";
  }
}
