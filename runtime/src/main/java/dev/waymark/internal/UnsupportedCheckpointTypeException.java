package dev.waymark.internal;

/** A value whose class is not in the checkpoint allowlist (or cannot be written) was stored. */
public final class UnsupportedCheckpointTypeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  UnsupportedCheckpointTypeException(Object value, Exception cause) {
    super(
        "cannot checkpoint a value of type "
            + (value == null ? "null" : value.getClass().getName())
            + ": only types that appear in some @Step signature (and the built-in JDK types) may be"
            + " stored; "
            + cause.getMessage(),
        cause);
  }
}
