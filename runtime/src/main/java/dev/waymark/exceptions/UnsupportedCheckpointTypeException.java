package dev.waymark.exceptions;

/**
 * A value of a type Waymark cannot store was given as a constant input, an event or a step's
 * output: only the types of {@code @Step} signatures on the class path and the built-in JDK types
 * can be checkpointed.
 */
public final class UnsupportedCheckpointTypeException extends WorkflowException {
  private static final long serialVersionUID = 1L;

  private final transient Class<?> type;

  public UnsupportedCheckpointTypeException(Class<?> type, String problem, Throwable cause) {
    super(
        "cannot store a value of type " + (type == null ? "null" : type.getName()) + ": " + problem,
        cause);
    this.type = type;
  }

  /** The type that cannot be stored. */
  public Class<?> type() {
    return type;
  }
}
