package dev.waymark.samples;

import dev.waymark.annotations.Step;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A step that counts its executions per input, for tests of who runs a workflow id. */
public final class PerId {
  static final Map<String, AtomicInteger> EXECUTIONS = new ConcurrentHashMap<>();

  private PerId() {}

  @Step
  static String mark(String id) {
    EXECUTIONS.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
    return "marked " + id;
  }
}
