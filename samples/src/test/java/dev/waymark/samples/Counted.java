package dev.waymark.samples;

import dev.waymark.annotations.Step;
import java.util.concurrent.atomic.AtomicInteger;

/** A step with a visible side effect: it counts its executions. */
public final class Counted {
  static final AtomicInteger EXECUTIONS = new AtomicInteger();

  private Counted() {}

  @Step
  static String greet(String name) {
    EXECUTIONS.incrementAndGet();
    return "hello " + name;
  }
}
