package dev.waymark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A step's exception as a workflow keeps it: the original's class name, the names of its
 * superclasses, its message, stack trace and causes. A {@link Result} always holds one, in the
 * process where the step failed and after a restart alike, so that a workflow takes the same path
 * either way; checkpoints never instantiate arbitrary exception classes.
 *
 * <pre>{@code
 * if (result.exception().is(java.io.IOException.class)) { ... }
 * }</pre>
 */
public final class RecordedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** At most this many stack frames and causes are kept. */
  public static final int MAX_FRAMES = 64;

  public static final int MAX_CAUSES = 8;

  private final String originalClassName;
  private final List<String> types;

  /**
   * @param originalClassName the class of the exception the step threw
   * @param types that class and its superclasses, most specific first
   */
  public RecordedException(
      String originalClassName, List<String> types, String message, RecordedException cause) {
    super(message, cause);
    this.originalClassName = originalClassName;
    this.types = List.copyOf(types);
  }

  /** {@code exception} as a workflow keeps it; a recorded one is returned as it is. */
  public static RecordedException of(Throwable exception) {
    return of(exception, 0);
  }

  private static RecordedException of(Throwable exception, int depth) {
    if (exception instanceof RecordedException recorded) {
      return recorded;
    }
    List<String> types = new ArrayList<>();
    for (Class<?> type = exception.getClass();
        type != null && type != Throwable.class;
        type = type.getSuperclass()) {
      types.add(type.getName());
    }
    Throwable cause = exception.getCause();
    RecordedException recordedCause =
        cause != null && cause != exception && depth + 1 < MAX_CAUSES ? of(cause, depth + 1) : null;
    RecordedException recorded =
        new RecordedException(
            exception.getClass().getName(), types, exception.getMessage(), recordedCause);
    StackTraceElement[] frames = exception.getStackTrace();
    recorded.setStackTrace(Arrays.copyOf(frames, Math.min(frames.length, MAX_FRAMES)));
    return recorded;
  }

  /** The class name of the exception the step threw. */
  public String originalClassName() {
    return originalClassName;
  }

  /** The class names of the original exception and its superclasses, most specific first. */
  public List<String> types() {
    return types;
  }

  /** Whether the step threw a {@code type}: the original's class or a subclass of it. */
  public boolean is(Class<? extends Throwable> type) {
    return types.contains(type.getName());
  }

  @Override
  public String toString() {
    String message = getMessage();
    return message == null ? originalClassName : originalClassName + ": " + message;
  }
}
