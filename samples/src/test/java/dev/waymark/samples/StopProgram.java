package dev.waymark.samples;

/**
 * Starts two workflows on the shared runtime, as a service would, says READY once both run a step,
 * then waits to be stopped (the test sends SIGTERM).
 */
public final class StopProgram {
  private StopProgram() {}

  public static void main(String[] args) throws Exception {
    StopSteps.quick().runAsync("quick");
    StopSteps.held().runAsync("held");
    while (StopSteps.STARTED.get() < 2) {
      Thread.sleep(5);
    }
    System.out.println("READY");
    Thread.sleep(Long.MAX_VALUE);
  }
}
