package dev.waymark.exceptions;

import java.nio.file.Path;

/**
 * A stored file is damaged, truncated or not a Waymark file. Nothing read from it is used; the
 * message names the file.
 */
public class CheckpointCorruptedException extends WorkflowException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public CheckpointCorruptedException(Path file, String problem, Throwable cause) {
    super("checkpoint file " + file + " " + problem, cause);
    this.file = file;
  }

  /** {@code cause}, with where it was met ({@code context}: the workflow and task) in front. */
  public CheckpointCorruptedException(String context, CheckpointCorruptedException cause) {
    super(context + ": " + cause.getMessage(), cause);
    this.file = cause.file;
  }

  /** The damaged file. */
  public Path file() {
    return file;
  }
}
