package com.example;

import dev.waymark.Workflow;
import javax.annotation.processing.Generated;

/**
 * Workflow builders for the {@code @Step} methods of {@link Payments}.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class PaymentsSteps {
  private PaymentsSteps() {
  }

  /**
   * The version new workflows use.
   *
   * <p>Builds a task of {@link Payments#charge(Payments.Order, String)}:
   * runs nothing until the workflow runs.
   *
   * <p>Options:
   * <code>maxRetries 5</code>.
   */
  public static Workflow<String> charge(Payments.Order order, String currency) {
    return Payments_WaymarkModule.CHARGE.call(Workflow.of(order), Workflow.of(currency));
  }

  /**
   * The version new workflows use.
   *
   * <p>Builds a task of {@link Payments#charge(Payments.Order, String)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   *
   * <p>Options:
   * <code>maxRetries 5</code>.
   */
  public static Workflow<String> charge(Workflow<? extends Payments.Order> order,
      Workflow<? extends String> currency) {
    return Payments_WaymarkModule.CHARGE.call(order, currency);
  }

  /**
   * Builds a task of {@link Payments#order(String)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Payments.Order> order(String id) {
    return Payments_WaymarkModule.ORDER.call(Workflow.of(id));
  }

  /**
   * Builds a task of {@link Payments#order(String)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Payments.Order> order(Workflow<? extends String> id) {
    return Payments_WaymarkModule.ORDER.call(id);
  }
}
