package dev.waymark;

import java.util.concurrent.CompletionStage;

/**
 * A source of external events a workflow can wait for ({@link Workflow#waitForEvent}), registered
 * with the runtime by name ({@link Waymark.Builder#eventListener}). The runtime polls it without
 * holding a thread, stores the event as the waiting step's output, and only then tells the
 * listener, so a crash before the event was stored polls again and a crash after never does.
 *
 * @param <E> the event's type
 */
public interface EventListener<E> {

  /** Starts waiting for the event named {@code key}; completes with it when it arrives. */
  CompletionStage<E> poll(String key);

  /** Called once the event is stored: acknowledge it to its source here. */
  default void eventStored(String key, E event) {}
}
