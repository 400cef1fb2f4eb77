package dev.waymark.benchmarks.jmh;

/** Result checks: a benchmark whose workflow computed the wrong thing must not report a figure. */
final class Checks {
  private Checks() {}

  static int expect(int expected, int actual) {
    if (actual != expected) {
      throw new IllegalStateException("expected " + expected + ", the workflow returned " + actual);
    }
    return actual;
  }

  static byte[] expectLength(int expected, byte[] actual) {
    if (actual.length != expected) {
      throw new IllegalStateException(
          "expected " + expected + " bytes, the workflow returned " + actual.length);
    }
    return actual;
  }
}
