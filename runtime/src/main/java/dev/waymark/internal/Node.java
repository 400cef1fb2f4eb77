package dev.waymark.internal;

import dev.waymark.Result;
import dev.waymark.StepOptions;
import dev.waymark.Workflow;
import java.util.List;

/**
 * The runtime's only implementation of {@link Workflow}: an immutable node of a lazy DAG. Inputs
 * are fixed at construction, so a DAG is acyclic by construction.
 *
 * @param <T> the result type
 */
public abstract sealed class Node<T> implements Workflow<T> permits StepNode, ValueNode, AllNode {

  Node() {}

  /** This node's plan as a workflow's root, once it was run as one (see Plan#of). */
  volatile Plan planned;

  /** This node's inputs, in parameter order. */
  abstract Node<?>[] inputs();

  /** What generated workflow ids start with: the output step's name. */
  public abstract String name();

  @Override
  public Workflow<T> options(StepOptions options) {
    throw new UnsupportedOperationException("options apply to step calls; " + this + " is not one");
  }

  @Override
  public Workflow<Result<T>> catchExceptions() {
    throw new UnsupportedOperationException(
        "catchExceptions applies to step calls; " + this + " is not one");
  }

  /** Unwraps a workflow built by this runtime; anything else is refused. */
  public static Node<?> of(Workflow<?> workflow) {
    if (workflow instanceof Node<?> node) {
      return node;
    }
    if (workflow == null) {
      throw new NullPointerException(
          "a workflow input is null; use Workflow.of(null) for a null value");
    }
    throw new IllegalArgumentException(
        workflow.getClass().getName()
            + " is not a Waymark workflow: build workflows with generated step builders,"
            + " Workflow.of or Workflow.all");
  }

  /** A constant, frozen now by serializing it. */
  public static <T> Workflow<T> value(T value) {
    return new ValueNode<>(value);
  }

  /** A durable sleep of {@code duration}. */
  public static Workflow<java.time.Instant> sleep(java.time.Duration duration) {
    return BuiltInSteps.SLEEP.call(value(duration));
  }

  /**
   * A wait for the event {@code key} of type {@code type} from {@code listener} ("" for the
   * mailbox).
   */
  @SuppressWarnings("unchecked")
  public static <E> Workflow<E> event(String listener, String key, Class<E> type) {
    WorkflowIds.checkEventKey(key);
    java.util.Objects.requireNonNull(type, "type");
    return (Workflow<E>)
        BuiltInSteps.EVENT.call(value(listener), value(key), value(EventTypes.nameOf(type)));
  }

  /** Fan-in of {@code parts}. */
  public static <T> Workflow<List<T>> all(List<? extends Workflow<? extends T>> parts) {
    if (parts == null) {
      throw new NullPointerException("Workflow.all needs the workflows to gather, got null");
    }
    Node<?>[] nodes = new Node<?>[parts.size()];
    for (int i = 0; i < nodes.length; i++) {
      if (parts.get(i) == null) {
        throw new NullPointerException(
            "part " + i + " of Workflow.all is null; use Workflow.of(null) for a null value");
      }
      nodes[i] = of(parts.get(i));
    }
    return new AllNode<>(nodes);
  }
}
