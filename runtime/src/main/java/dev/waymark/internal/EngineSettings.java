package dev.waymark.internal;

import dev.waymark.EventListener;
import dev.waymark.WaymarkListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How an {@link Engine} runs its workflows, as {@code Waymark.builder()} set it.
 *
 * @param parallelism how many steps run at once at most
 * @param virtualThreads whether steps run on virtual threads (JDK 21+)
 * @param capacity the resources steps may occupy: {@code cpus}, {@code gpus} and named ones
 * @param maxRunning how many workflows run at once; beyond, they wait PENDING
 * @param maxPending how many may wait PENDING
 * @param listeners the event sources, by name
 * @param stopGrace how long {@code close()} lets running steps finish before it gives up on them
 * @param retention how long finished workflows are kept before they are deleted, or null to keep
 *     them until deleted
 * @param clock the time sleeps, retries and stored times read
 * @param runListeners what sees the runs' events
 */
public record EngineSettings(
    int parallelism,
    boolean virtualThreads,
    Map<String, Double> capacity,
    int maxRunning,
    int maxPending,
    Map<String, EventListener<?>> listeners,
    Duration stopGrace,
    Duration retention,
    WorkflowClock clock,
    List<WaymarkListener> runListeners) {

  /** The default grace period of a stop: running steps get this long to finish. */
  public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(5);

  public EngineSettings {
    capacity = Map.copyOf(capacity);
    listeners = Map.copyOf(listeners);
    runListeners = List.copyOf(runListeners);
  }

  /** Platform threads, {@code parallelism} of them, and the defaults for everything else. */
  static EngineSettings of(int parallelism) {
    return new EngineSettings(
        parallelism,
        false,
        Engine.defaultCapacity(),
        Integer.MAX_VALUE,
        0,
        Map.of(),
        DEFAULT_STOP_GRACE,
        null,
        WorkflowClock.system(),
        List.of());
  }
}
