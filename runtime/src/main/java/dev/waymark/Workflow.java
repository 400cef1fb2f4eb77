package dev.waymark;

import dev.waymark.exceptions.UnsupportedCheckpointTypeException;
import dev.waymark.internal.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A lazy node of a workflow DAG that produces a {@code T} when run. Generated step builders return
 * one; nothing executes until {@link #run()} or {@link #runAsync()}. The runs below use the shared
 * {@link Waymark} runtime; use {@link Waymark#run(Workflow, String)} for another one.
 *
 * <p>Only the runtime implements this interface: generated builders, {@link #of} and {@link #all}
 * are the ways to get one.
 *
 * @param <T> the type of the result
 */
public interface Workflow<T> {

  /** Runs this workflow under a new generated id and returns its result. */
  default T run() {
    return Waymark.shared().run(this);
  }

  /**
   * Runs this workflow under {@code workflowId}. A finished id returns its stored result without
   * executing anything; an interrupted one resumes.
   */
  default T run(String workflowId) {
    return Waymark.shared().run(this, workflowId);
  }

  /** Like {@link #run()}, without blocking the caller. */
  default CompletableFuture<T> runAsync() {
    return Waymark.shared().runAsync(this);
  }

  /** Like {@link #run(String)}, without blocking the caller. */
  default CompletableFuture<T> runAsync(String workflowId) {
    return Waymark.shared().runAsync(this, workflowId);
  }

  /**
   * This step call with {@code options} applied over the step's annotation (and over options set on
   * this call before). Only step calls take options.
   *
   * @throws UnsupportedOperationException for a constant or a fan-in
   */
  Workflow<T> options(StepOptions options);

  /**
   * This step call, catching its failure: the result holds the value or, after the retries are
   * spent, the exception, and the workflow goes on.
   *
   * @throws IllegalStateException when the step already catches exceptions
   * @throws UnsupportedOperationException for a constant or a fan-in
   */
  Workflow<Result<T>> catchExceptions();

  /**
   * A constant input. The value is serialized now, so a later change to the caller's object does
   * not change the workflow; its type must be one that some step's signature allows.
   */
  static <T> Workflow<T> of(T value) {
    return Node.value(value);
  }

  /**
   * A durable sleep step: its wake-up time is fixed, and stored, when it first runs; a workflow
   * resumed after a crash sleeps only what is left, and no thread waits meanwhile. Its result is
   * the wake-up time: pass it to the step that should run after the sleep.
   */
  static Workflow<Instant> sleep(Duration duration) {
    if (duration == null || duration.isNegative()) {
      throw new IllegalArgumentException("sleep needs a duration >= 0, got " + duration);
    }
    return Node.sleep(duration);
  }

  /**
   * A step that waits for the event {@code key} sent to this workflow with {@link
   * Waymark#sendEvent}, from any thread or process sharing the storage. No thread waits; the event
   * is stored as this step's output before it is consumed, so it is received exactly once. Its type
   * must be one that some step's signature allows: {@code sendEvent} refuses a payload of another
   * type, and one that reaches the wait anyway is dropped, never delivered.
   *
   * @throws UnsupportedCheckpointTypeException when no step signature allows {@code type}
   */
  static <E> Workflow<E> waitForEvent(String key, Class<E> type) {
    return Node.event("", key, type);
  }

  /**
   * A step that waits for the event {@code key} from the {@link EventListener} registered under
   * {@code listener} (see {@link Waymark.Builder#eventListener}).
   */
  static <E> Workflow<E> waitForEvent(String listener, String key, Class<E> type) {
    if (listener == null || listener.isEmpty()) {
      throw new IllegalArgumentException("name the event listener");
    }
    return Node.event(listener, key, type);
  }

  /** Fan-in: one workflow whose result lists the results of {@code parts}, in order. */
  static <T> Workflow<List<T>> all(List<? extends Workflow<? extends T>> parts) {
    return Node.all(parts);
  }

  /** Fan-in of the given parts; see {@link #all(List)}. */
  @SafeVarargs
  static <T> Workflow<List<T>> all(Workflow<? extends T>... parts) {
    return Node.all(parts == null ? null : Arrays.asList(parts));
  }
}
