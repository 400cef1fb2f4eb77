package dev.waymark.internal;

import dev.waymark.WaymarkEvent;
import dev.waymark.WaymarkListener;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one runtime: the user's, and the runtime's own log ({@link EventLog}) when SLF4J
 * logs {@code dev.waymark} at INFO. Events of every step (started, committed, restored, state
 * saved, sleeps, events) go to them only when a user's listener is registered or the log is at
 * DEBUG; otherwise a step's path checks one null and builds no event.
 */
final class Observers {
  private static final Logger LOG = LoggerFactory.getLogger(Observers.class);

  private final WaymarkListener[] listeners;
  private final boolean steps;

  private Observers(List<WaymarkListener> listeners, boolean steps) {
    this.listeners = listeners.toArray(new WaymarkListener[0]);
    this.steps = steps;
  }

  /** The observers of a runtime with the user's {@code listeners}, or null when none listens. */
  static Observers of(List<WaymarkListener> listeners) {
    List<WaymarkListener> all = new ArrayList<>(listeners);
    boolean steps = !listeners.isEmpty() || EventLog.LOG.isDebugEnabled();
    if (EventLog.LOG.isWarnEnabled()) {
      all.add(new EventLog());
    }
    return all.isEmpty() ? null : new Observers(all, steps);
  }

  /** Whether the events of every step are wanted. */
  boolean wantsSteps() {
    return steps;
  }

  /** Delivers {@code event} to each listener; what one throws is logged and goes no further. */
  void emit(WaymarkEvent event) {
    for (WaymarkListener listener : listeners) {
      try {
        listener.on(event);
      } catch (RuntimeException e) {
        LOG.warn("listener {} failed on {}", listener, event, e);
      }
    }
  }
}
