package dev.waymark.samples;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;

/**
 * A step whose signature changed while workflows recorded with the old one were in flight: version
 * 1 stays, under its old name, until they have finished; new workflows run version 2.
 */
public final class Billing {
  private Billing() {}

  public record Invoice(String customer, long cents) {}

  @Step
  static Invoice invoice(String customer, long cents) {
    return new Invoice(customer, cents);
  }

  /** Version 1, kept until the workflows recorded with it have finished; it has no builder. */
  @Step(name = "charge", version = 1)
  static String chargeV1(Invoice invoice) {
    return "charged " + invoice.customer() + " " + invoice.cents() + " cents";
  }

  /** Version 2 takes a currency; the builder {@code BillingSteps.charge} builds this one. */
  @Step(version = 2)
  static String charge(Invoice invoice, String currency) {
    return "charged " + invoice.customer() + " " + invoice.cents() + " " + currency + " cents";
  }

  static Workflow<String> bill(String customer, long cents) {
    return BillingSteps.charge(BillingSteps.invoice(customer, cents), Workflow.of("EUR"));
  }
}
