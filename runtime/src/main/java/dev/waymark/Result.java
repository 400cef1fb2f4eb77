package dev.waymark;

import dev.waymark.exceptions.WorkflowExecutionException;
import java.util.Objects;

/**
 * The outcome of a step that catches exceptions: its value, or the exception it failed with after
 * its retries were spent. A step whose builder returns {@code Workflow<Result<T>>} never fails its
 * workflow; pass the result to a step that handles both cases.
 *
 * <p>A failure is a {@link RecordedException}, in the process where the step failed and after a
 * restart alike: it keeps the original exception's class name and superclasses, message, stack
 * trace and causes ({@link RecordedException#is} tests its type).
 *
 * @param <T> the type of the value
 */
public final class Result<T> {
  private final T value;
  private final RecordedException exception;

  private Result(T value, RecordedException exception) {
    this.value = value;
    this.exception = exception;
  }

  public static <T> Result<T> success(T value) {
    return new Result<>(value, null);
  }

  /** A failure; {@code exception} is kept as a {@link RecordedException}. */
  public static <T> Result<T> failure(Throwable exception) {
    return new Result<>(null, RecordedException.of(Objects.requireNonNull(exception, "exception")));
  }

  public boolean isSuccess() {
    return exception == null;
  }

  /** The value; null when the step failed. */
  public T value() {
    return value;
  }

  /** The exception, as a workflow keeps it; null when the step succeeded. */
  public RecordedException exception() {
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
