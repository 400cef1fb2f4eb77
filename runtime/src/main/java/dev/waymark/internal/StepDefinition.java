package dev.waymark.internal;

import dev.waymark.Result;
import dev.waymark.StepOptions;
import dev.waymark.Workflow;
import java.util.Objects;

/**
 * One {@code @Step} method as the runtime sees it: a stable identity recorded in stored workflows,
 * the name its tasks get, and the generated invoker that calls it. Instances are created by
 * generated code, one per step method.
 *
 * @param <T> the step's result type
 */
public final class StepDefinition<T> {
  private final String id;
  private final String taskName;
  private final int arity;
  private final StepInvoker invoker;
  private final StepOptions options;
  private final boolean catching;

  /** A step with the default options. */
  public StepDefinition(String id, String taskName, int arity, StepInvoker invoker) {
    this(id, taskName, arity, invoker, StepOptions.options(), false);
  }

  /**
   * @param id stable identity, {@code binary.class.Name#stepName}
   * @param taskName the base name of the step's tasks (the step name)
   * @param arity the number of parameters
   * @param invoker calls the method
   * @param options the options of the step's annotation
   */
  public StepDefinition(
      String id, String taskName, int arity, StepInvoker invoker, StepOptions options) {
    this(id, taskName, arity, invoker, options, false);
  }

  private StepDefinition(
      String id,
      String taskName,
      int arity,
      StepInvoker invoker,
      StepOptions options,
      boolean catching) {
    this.id = Objects.requireNonNull(id, "id");
    this.taskName = Objects.requireNonNull(taskName, "taskName");
    this.arity = arity;
    this.invoker = Objects.requireNonNull(invoker, "invoker");
    this.options = Objects.requireNonNull(options, "options");
    this.catching = catching;
  }

  /**
   * A step whose annotation says {@code catchExceptions = true}: its tasks produce a {@link Result}
   * of what the method returns instead of failing.
   */
  public static <T> StepDefinition<Result<T>> catching(
      String id, String taskName, int arity, StepInvoker invoker, StepOptions options) {
    return new StepDefinition<>(id, taskName, arity, invoker, options, true);
  }

  /** Builds a task of this step over {@code inputs}, one per parameter; runs nothing. */
  public Workflow<T> call(Workflow<?>... inputs) {
    if (inputs.length != arity) {
      throw new IllegalArgumentException(
          "step " + id + " takes " + arity + " inputs, got " + inputs.length);
    }
    Node<?>[] nodes = new Node<?>[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      nodes[i] = Node.of(inputs[i]);
    }
    return new StepNode<>(this, nodes, StepOptions.options(), catching);
  }

  public String id() {
    return id;
  }

  public String taskName() {
    return taskName;
  }

  public int arity() {
    return arity;
  }

  /** The options of the step's annotation. */
  public StepOptions options() {
    return options;
  }

  /** Whether the step's annotation catches exceptions. */
  public boolean catching() {
    return catching;
  }

  StepInvoker invoker() {
    return invoker;
  }

  @Override
  public String toString() {
    return id;
  }
}
