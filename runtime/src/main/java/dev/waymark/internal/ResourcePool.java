package dev.waymark.internal;

import dev.waymark.exceptions.InsufficientResourcesException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CPUs, GPUs and named resources the runtime offers, handed out to tasks while they run. A task
 * that does not fit waits (without a thread) and starts when enough is released; nothing is ever
 * over-committed.
 */
final class ResourcePool {
  static final String CPU = "cpus";
  static final String GPU = "gpus";

  private final Map<String, Double> capacity;
  private final Map<String, Double> free;
  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();

  private record Waiter(Map<String, Double> demand, Runnable start) {}

  ResourcePool(Map<String, Double> capacity) {
    this.capacity = Map.copyOf(capacity);
    this.free = new HashMap<>(capacity);
  }

  /** What a task occupies while it runs. */
  static Map<String, Double> demandOf(TaskOptions options) {
    Map<String, Double> demand = new LinkedHashMap<>();
    if (options.cpus() > 0) {
      demand.put(CPU, options.cpus());
    }
    if (options.gpus() > 0) {
      demand.put(GPU, options.gpus());
    }
    demand.putAll(options.resources());
    return demand;
  }

  /** Refuses, up front, a task that needs more than exists at all: it could never start. */
  /** Checks every task of {@code plan} that occupies resources, each distinct option once. */
  void checkFits(Plan plan) {
    java.util.Set<TaskOptions> seen = new java.util.HashSet<>();
    String[] taskIds = null;
    for (int t = 0; t < plan.taskCount(); t++) {
      TaskOptions options = plan.taskOptions[t];
      if (options.needsResources() && seen.add(options)) {
        if (taskIds == null) {
          taskIds = plan.taskIds();
        }
        checkFits(taskIds[t], options);
      }
    }
  }

  void checkFits(String taskId, TaskOptions options) {
    for (Map.Entry<String, Double> need : demandOf(options).entrySet()) {
      double have = capacity.getOrDefault(need.getKey(), 0.0);
      if (need.getValue() > have) {
        throw new InsufficientResourcesException(
            "task '"
                + taskId
                + "' needs "
                + need.getValue()
                + " "
                + need.getKey()
                + " but this runtime has "
                + have
                + "; configure more with Waymark.builder()."
                + (need.getKey().equals(CPU)
                    ? "cpus(n)"
                    : need.getKey().equals(GPU)
                        ? "gpus(n)"
                        : "resource(\"" + need.getKey() + "\", n)"));
      }
    }
  }

  /**
   * Takes the task's resources now and returns true, or queues {@code start} to run once they are
   * taken for it and returns false.
   */
  synchronized boolean acquire(Map<String, Double> demand, Runnable start) {
    if (waiting.isEmpty() && fits(demand)) {
      take(demand);
      return true;
    }
    waiting.add(new Waiter(demand, start));
    return false;
  }

  /** Gives resources back and starts the waiting tasks that now fit, in arrival order. */
  void release(Map<String, Double> demand) {
    List<Runnable> ready = new ArrayList<>();
    synchronized (this) {
      for (Map.Entry<String, Double> part : demand.entrySet()) {
        free.merge(part.getKey(), part.getValue(), Double::sum);
      }
      for (Iterator<Waiter> it = waiting.iterator(); it.hasNext(); ) {
        Waiter waiter = it.next();
        if (fits(waiter.demand())) {
          take(waiter.demand());
          it.remove();
          ready.add(waiter.start());
        }
      }
    }
    ready.forEach(Runnable::run);
  }

  private boolean fits(Map<String, Double> demand) {
    for (Map.Entry<String, Double> part : demand.entrySet()) {
      if (free.getOrDefault(part.getKey(), 0.0) < part.getValue() - 1e-9) {
        return false;
      }
    }
    return true;
  }

  private void take(Map<String, Double> demand) {
    for (Map.Entry<String, Double> part : demand.entrySet()) {
      free.merge(part.getKey(), -part.getValue(), Double::sum);
    }
  }
}
