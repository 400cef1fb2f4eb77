package dev.waymark.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The event waits of one run: events sent through the storage (a mailbox polled every 50 ms) and
 * events from registered listeners (their poll completes). No thread waits for an event; the task
 * is submitted again when it may have arrived.
 */
final class EventWaits {
  /** What {@link #await} returns while the event has not arrived. */
  static final Object NO_EVENT = new Object();

  private static final long MAILBOX_POLL_MILLIS = 50;
  private final Execution run;
  private final Map<Long, CompletableFuture<Object>> waits = new ConcurrentHashMap<>();
  private final Set<Runnable> cancellers = ConcurrentHashMap.newKeySet();

  /** The mailbox waits that recorded what they expect, by task key. */
  private final Set<Long> expecting = ConcurrentHashMap.newKeySet();

  EventWaits(Execution run) {
    this.run = run;
  }

  /**
   * The event task {@code t} waits for, or {@link #NO_EVENT}: then the task is submitted again when
   * the event may have arrived (the mailbox is checked every 50 ms; a listener's poll completes).
   * No thread waits meanwhile.
   */
  Object await(Frame frame, int t, String listener, String key, String type) {
    if (listener.isEmpty()) {
      byte[] bytes = run.claim().events().read(key);
      if (bytes != null) {
        Object event = CheckpointCodec.deserialize(bytes, 0, bytes.length);
        if (EventTypes.matches(type, event)) {
          return event;
        }
        // Sent before the wait said what it expects (sendEvent refuses it once it knows): dropped,
        // never delivered; the wait goes on for one of the right type.
        run.claim().events().delete(key);
      }
      if (expecting.add(frame.key(t))) {
        run.claim().events().expect(key, type); // so that sendEvent can refuse a wrong payload
      }
      run.poll(() -> run.submit(frame, t), MAILBOX_POLL_MILLIS);
      return NO_EVENT;
    }
    long taskKey = frame.key(t);
    CompletableFuture<Object> wait = waits.get(taskKey);
    if (wait == null) {
      dev.waymark.EventListener<?> source = run.services().listeners().get(listener);
      if (source == null) {
        throw new IllegalStateException(
            "no event listener named '"
                + listener
                + "' is registered with this runtime: add it with"
                + " Waymark.builder().eventListener(\""
                + listener
                + "\", ...)");
      }
      CompletableFuture<Object> arrived = new CompletableFuture<>();
      waits.put(taskKey, arrived);
      AtomicBoolean settled = new AtomicBoolean();
      run.chainStarted(); // held while the listener polls
      cancellers.add(
          () -> {
            if (settled.compareAndSet(false, true)) {
              run.chainEnded();
            }
          });
      source
          .poll(key)
          .whenComplete(
              (event, error) -> {
                if (error != null) {
                  arrived.completeExceptionally(error);
                } else {
                  arrived.complete(event);
                }
                if (settled.compareAndSet(false, true)) {
                  run.submit(frame, t);
                  run.chainEnded();
                }
              });
      return NO_EVENT;
    }
    waits.remove(taskKey);
    Object event;
    try {
      event = wait.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException("event listener '" + listener + "' failed", e.getCause());
    }
    if (!EventTypes.matches(type, event)) {
      throw new dev.waymark.exceptions.EventTypeMismatchException(
          "event listener '"
              + listener
              + "' delivered a "
              + event.getClass().getName()
              + " for event '"
              + key
              + "', but the workflow waits for a "
              + type);
    }
    return event;
  }

  /** Acknowledges an event once the step's output holding it is stored. */
  @SuppressWarnings("unchecked")
  void acknowledge(String listener, String key, Object event) {
    if (listener.isEmpty()) {
      run.claim().events().delete(key);
    } else {
      ((dev.waymark.EventListener<Object>) run.services().listeners().get(listener))
          .eventStored(key, event);
    }
  }

  /** The run is canceled: the listeners' polls no longer hold it open. */
  void cancelAll() {
    cancellers.forEach(Runnable::run);
  }
}
