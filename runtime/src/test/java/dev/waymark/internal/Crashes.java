package dev.waymark.internal;

/** Hooks that inject a crash, for tests of what a resume sees. */
final class Crashes {
  private Crashes() {}

  /** Hooks that kill the runtime right after task {@code taskId}'s output is committed. */
  static RunHooks afterCommit(String taskId) {
    return new RunHooks() {
      @Override
      public void committed(String workflowId, String committed) {
        if (committed.equals(taskId)) {
          throw new SimulatedCrash("after " + taskId);
        }
      }
    };
  }
}
