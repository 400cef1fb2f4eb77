package dev.waymark.internal;

import dev.waymark.internal.storage.WorkflowStore;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Forces claims' records to the device for many commits at once ({@code Durability.POWER_LOSS}).
 * One thread takes every request queued while it was forcing and forces each claim of that batch
 * once, so commits made during a sync share the next one, across all workflows of the runtime.
 */
final class GroupCommit implements AutoCloseable {
  private final Thread thread;
  private final AtomicLong syncs = new AtomicLong();
  private List<Request> queue = new ArrayList<>();
  private boolean closed;

  private record Request(WorkflowStore claim, CompletableFuture<Void> done) {}

  GroupCommit() {
    thread = new Thread(this::loop, "waymark-sync");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Completes, on the sync thread, once every record {@code claim} holds now is on the device, or
   * exceptionally with the storage's error.
   */
  CompletableFuture<Void> force(WorkflowStore claim) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (this) {
      if (closed) {
        done.completeExceptionally(new IllegalStateException("the runtime was closed"));
        return done;
      }
      queue.add(new Request(claim, done));
      notifyAll();
    }
    return done;
  }

  /** How many times a claim was forced so far. */
  long syncs() {
    return syncs.get();
  }

  private void loop() {
    while (true) {
      List<Request> batch;
      synchronized (this) {
        while (queue.isEmpty() && !closed) {
          try {
            wait();
          } catch (InterruptedException e) {
            closed = true;
          }
        }
        if (queue.isEmpty()) {
          return;
        }
        batch = queue;
        queue = new ArrayList<>();
      }
      Map<WorkflowStore, RuntimeException> outcome = new IdentityHashMap<>();
      for (Request request : batch) {
        if (!outcome.containsKey(request.claim())) {
          RuntimeException error = null;
          try {
            request.claim().values().force();
            syncs.incrementAndGet();
          } catch (RuntimeException e) {
            error = e;
          }
          outcome.put(request.claim(), error);
        }
      }
      for (Request request : batch) {
        RuntimeException error = outcome.get(request.claim());
        if (error == null) {
          request.done().complete(null);
        } else {
          request.done().completeExceptionally(error);
        }
      }
    }
  }

  /** Forces what is queued, then stops the thread. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
