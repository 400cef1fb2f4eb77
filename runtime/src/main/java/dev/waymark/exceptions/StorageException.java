package dev.waymark.exceptions;

/** The storage could not be read or written (I/O error, no space left, permissions). */
public class StorageException extends WorkflowException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
