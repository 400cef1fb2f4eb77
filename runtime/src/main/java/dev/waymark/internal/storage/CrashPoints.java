package dev.waymark.internal.storage;

import java.util.Arrays;
import java.util.Set;

/**
 * Named moments at which a test can have a JVM stop for good, to kill it exactly there: a JVM
 * started with {@code -Dwaymark.crashpoints=template-copy,map-created} prints {@code CRASHPOINT
 * <name>} when it reaches one of them and waits forever, and the test, reading that line, sends
 * SIGKILL. Without the property this costs one static read.
 */
final class CrashPoints {
  private static final Set<String> ARMED = armed();

  private CrashPoints() {}

  private static Set<String> armed() {
    String names = System.getProperty("waymark.crashpoints", "");
    return names.isBlank() ? Set.of() : Set.copyOf(Arrays.asList(names.split(",")));
  }

  /** Stops here for good when {@code name} is armed. */
  static void reached(String name) {
    if (!ARMED.isEmpty() && ARMED.contains(name)) {
      System.out.println("CRASHPOINT " + name);
      System.out.flush();
      while (true) {
        try {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
          // only SIGKILL ends this
        }
      }
    }
  }
}
