package dev.waymark.internal.storage;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The owner's side of {@link SegmentRequests}: takes what other processes left in the inboxes of
 * this process's segments (a thread watches them once this process owns one), within a millisecond
 * while requests come and within about 16 ms after a second without any, and does it: an event goes
 * to the workflow's maps, a cancel request to the run that takes it (or is recorded), a read is
 * answered.
 */
final class SegmentMailbox implements SegmentRequests.Owner {
  private final SegmentStorage storage;
  private final SegmentIndex index;
  private final Collection<Segment> segments;
  private final boolean force;
  private final Set<String> cancelRequests = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private Thread watcher;

  SegmentMailbox(
      SegmentStorage storage, SegmentIndex index, Collection<Segment> segments, boolean force) {
    this.storage = storage;
    this.index = index;
    this.segments = segments;
    this.force = force;
  }

  /** Delivers what {@code segment}'s inbox holds now, and watches the inboxes from then on. */
  synchronized void deliverAndWatch(Segment segment) {
    deliver(segment);
    if (watcher == null && !closed) {
      watcher = new Thread(this::watch, "waymark-inbox");
      watcher.setDaemon(true);
      watcher.start();
    }
  }

  /**
   * Looks at the inboxes every millisecond while requests come, and every {@value
   * #IDLE_POLL_MILLIS} ms once none came for about a second: an idle process wakes about 60 times a
   * second for this, not 1,000.
   */
  private void watch() {
    long quiet = 0; // rounds since a request came
    while (!closed) {
      try {
        if (deliverRequests()) {
          quiet = 0;
        } else {
          quiet++;
        }
      } catch (RuntimeException e) {
        // a storage hiccup: the next round tries again; a request stays in its inbox until taken
      }
      LockSupport.parkNanos(quiet < 1_000 ? 1_000_000 : IDLE_POLL_MILLIS * 1_000_000);
    }
  }

  private static final long IDLE_POLL_MILLIS = 16;

  /**
   * Takes what other processes left in the inboxes of this process's segments; returns whether
   * there was any.
   */
  private boolean deliverRequests() {
    boolean any = false;
    for (Segment segment : segments) {
      if (segment.owned() && segment.inbox.mayHoldRequests()) {
        deliver(segment);
        any = true;
      }
    }
    return any;
  }

  private void deliver(Segment segment) {
    SegmentRequests.deliver(segment, this, force);
  }

  /** A cancel request for a run of this process, which it polls for. */
  void requestCancel(String workflowId) {
    cancelRequests.add(workflowId);
  }

  boolean takeCancelRequest(String workflowId) {
    return cancelRequests.remove(workflowId);
  }

  void close() {
    closed = true;
  }

  @Override
  public SegmentIndex.Workflow workflow(Segment segment, String workflowId) {
    SegmentIndex.Workflow workflow = index.get(workflowId);
    return workflow != null && workflow.segment == segment ? workflow : null;
  }

  @Override
  public void putEvent(SegmentIndex.Workflow workflow, String key, byte[] payload) {
    new SegmentValues(storage, workflow)
        .write(TaskKeys.event(TaskKeys.hash(key)), 0, 0, payload, 0, payload.length);
  }

  @Override
  public void cancel(SegmentIndex.Workflow workflow) {
    storage.cancel(workflow);
  }

  @Override
  public Payload read(SegmentIndex.Workflow workflow, long key) {
    return new SegmentValues(storage, workflow).read(key);
  }
}
