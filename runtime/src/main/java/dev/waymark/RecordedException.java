package dev.waymark;

/**
 * A step's exception as read back from storage: checkpoints never instantiate arbitrary exception
 * classes, so the original's class name, message, stack trace and causes are kept in this type.
 */
public final class RecordedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String originalClassName;

  public RecordedException(String originalClassName, String message, RecordedException cause) {
    super(message, cause);
    this.originalClassName = originalClassName;
  }

  /** The class name of the exception the step threw. */
  public String originalClassName() {
    return originalClassName;
  }

  @Override
  public String toString() {
    String message = getMessage();
    return message == null ? originalClassName : originalClassName + ": " + message;
  }
}
