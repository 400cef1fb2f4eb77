package dev.waymark;

/**
 * Sees what the runs of a runtime do, registered with {@link Waymark.Builder#listener}: each {@link
 * WaymarkEvent} is delivered on the thread that did the work (a step's thread, the timer's), right
 * after it happened, so a listener must be quick and thread-safe. An exception it throws is logged
 * and changes nothing about the run. With no listener registered, the runtime builds no event at
 * all.
 */
@FunctionalInterface
public interface WaymarkListener {
  /** Called once for each event of every workflow this runtime runs. */
  void on(WaymarkEvent event);
}
