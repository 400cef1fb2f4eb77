package dev.waymark.benchmarks.steps;

import dev.waymark.Workflow;
import dev.waymark.annotations.Step;

/**
 * Steps whose output is a {@code byte[]} of a chosen size, to measure what committing an output of
 * that size costs. The chain passes the array along unchanged, so the step body costs nothing and
 * the difference to the trivial chain is serializing and storing the bytes.
 */
public final class Payload {
  private Payload() {}

  @Step
  static byte[] create(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31 + 7); // not all zeros: nothing downstream can cheat on them
    }
    return bytes;
  }

  @Step
  static byte[] pass(byte[] bytes) {
    return bytes;
  }

  /**
   * {@code pass(pass(...create(size)))}: {@code steps} steps, each committing {@code size} bytes.
   */
  public static Workflow<byte[]> chain(int size, int steps) {
    Workflow<byte[]> chain = PayloadSteps.create(size);
    for (int i = 1; i < steps; i++) {
      chain = PayloadSteps.pass(chain);
    }
    return chain;
  }
}
