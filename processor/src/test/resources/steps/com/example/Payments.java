package com.example;

import dev.waymark.annotations.Step;

/** A step whose signature changed while workflows recorded with it were in flight. */
class Payments {
  record Order(String id, int cents) {}

  /** Version 1: kept, without builders, until the workflows recorded with it have finished. */
  @Step(name = "charge", version = 1)
  static String chargeV1(Order order) {
    return "charged " + order.cents();
  }

  /** The version new workflows use. */
  @Step(version = 2, maxRetries = 5)
  static String charge(Order order, String currency) {
    return "charged " + order.cents() + " " + currency;
  }

  @Step
  static Order order(String id) {
    return new Order(id, 100);
  }
}
