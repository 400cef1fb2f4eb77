package dev.waymark.internal;

import dev.waymark.StepOptions;

/**
 * Step definitions for hand-written test modules, from an identity as recorded workflows hold it.
 */
final class Definitions {
  private Definitions() {}

  static <T> StepDefinition<T> define(String id, String name, int arity, StepInvoker invoker) {
    return define(id, name, arity, invoker, StepOptions.builder().build());
  }

  static <T> StepDefinition<T> define(
      String id, String name, int arity, StepInvoker invoker, StepOptions options) {
    return StepDefinition.<T>step(id.substring(0, id.indexOf('#')), name)
        .inputs(arity)
        .options(options)
        .invoker(invoker);
  }
}
