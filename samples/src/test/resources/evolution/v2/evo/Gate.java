package evo;

import java.util.concurrent.atomic.AtomicInteger;

/** Holds a step forever when the JVM runs with -Devo.block=true, so that the test can kill it. */
public final class Gate {
  static final AtomicInteger HELD = new AtomicInteger();

  private Gate() {}

  static void hold(String what) throws InterruptedException {
    if (Boolean.getBoolean("evo.block")) {
      System.out.println("HELD " + what);
      HELD.incrementAndGet();
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
