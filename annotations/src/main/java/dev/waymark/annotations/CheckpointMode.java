package dev.waymark.annotations;

/** Whether a step's output is stored (see {@link Checkpoint}). */
public enum CheckpointMode {
  /**
   * Take the effective mode of the parent step (the step whose continuation created this one); a
   * top-level step stores its output.
   */
  INHERIT,
  /** Store the output, whatever the parent does. */
  TRUE,
  /** Do not store the output: recovery runs the step again if a later step needs it. */
  FALSE
}
