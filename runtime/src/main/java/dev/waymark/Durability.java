package dev.waymark;

/**
 * What a committed step output survives. Set it with {@link Waymark.Builder#durability}.
 *
 * <p>In both modes a step whose output is committed never runs again, and a commit is atomic: after
 * any crash an output is either whole (checked by its CRC-32C) or absent, in which case its step
 * runs again.
 */
public enum Durability {
  /**
   * The default. A committed output survives the death of the process, however it dies ({@code kill
   * -9}, an out-of-memory error, a JVM crash): outputs are written into memory-mapped files, which
   * the operating system keeps when the process is gone. Nothing is forced to the device, so an
   * operating-system crash or a power loss may lose the outputs of the last seconds: their steps
   * then run again on resume. Costs a few microseconds per step.
   */
  PROCESS_CRASH,

  /**
   * A committed output also survives an operating-system crash or a power loss: before a step that
   * depends on an output starts, before a workflow's result is returned, before an event is
   * acknowledged and before {@code Checkpointer.save} returns, the files holding it are forced to
   * the device ({@code fsync}). Commits are grouped: one sync covers every output committed while
   * the previous sync was running, across all workflows of the runtime, and the thread that
   * committed goes on with other ready steps meanwhile, so parallel steps share the cost of a sync.
   * A sequential chain pays about one sync per step. Status, DAG, event and large-output files are
   * written to a temporary file, forced, renamed and their directory forced. Not forced: the
   * journal of running attempts, so a power loss in the middle of an attempt does not count that
   * attempt against its retries.
   */
  POWER_LOSS
}
