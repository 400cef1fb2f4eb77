package dev.waymark;

import java.util.Objects;

/**
 * The outcome of a step that catches exceptions: its value, or the exception it failed with after
 * its retries were spent. A step whose builder returns {@code Workflow<Result<T>>} never fails its
 * workflow; pass the result to a step that handles both cases.
 *
 * <p>After a restart, a stored failure comes back as a {@link RecordedException} that keeps the
 * original exception's class name, message and stack trace.
 *
 * @param <T> the type of the value
 */
public final class Result<T> {
  private final T value;
  private final Throwable exception;

  private Result(T value, Throwable exception) {
    this.value = value;
    this.exception = exception;
  }

  public static <T> Result<T> success(T value) {
    return new Result<>(value, null);
  }

  public static <T> Result<T> failure(Throwable exception) {
    return new Result<>(null, Objects.requireNonNull(exception, "exception"));
  }

  public boolean isSuccess() {
    return exception == null;
  }

  /** The value; null when the step failed. */
  public T value() {
    return value;
  }

  /** The exception; null when the step succeeded. */
  public Throwable exception() {
    return exception;
  }

  /** The value, or a {@link WorkflowExecutionException} caused by the step's exception. */
  public T get() {
    if (exception != null) {
      throw new WorkflowExecutionException("the step failed: " + exception, exception);
    }
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Result<?> other
        && Objects.equals(value, other.value)
        && Objects.equals(exception, other.exception);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, exception);
  }

  @Override
  public String toString() {
    return isSuccess() ? "Result[" + value + "]" : "Result[failed: " + exception + "]";
  }
}
