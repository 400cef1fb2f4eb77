package dev.waymark.internal;

import dev.waymark.Checkpointer;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A task's intra-step state, stored under its own key so that every attempt of the task (not only
 * the previous one) shares it. States are serialized when saved and numbered; a write never
 * replaces a newer state with an older one, so background and foreground saves may interleave.
 */
final class StateCheckpointer<S> implements Checkpointer<S> {
  private final Execution run;
  private final long storeKey;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicReference<Numbered> pending = new AtomicReference<>();
  private final Object writeLock = new Object();
  private long written = 0;
  private volatile Numbered latest;
  private volatile RuntimeException asyncFailure;

  private record Numbered(long number, byte[] bytes) {}

  StateCheckpointer(Execution run, long taskKey) {
    this.run = run;
    this.storeKey = TaskKeys.store(TaskKeys.STATE, taskKey);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Optional<S> load() {
    Numbered last = latest;
    if (last != null) {
      return Optional.ofNullable(
          (S) CheckpointTypes.deserialize(last.bytes(), 0, last.bytes().length));
    }
    CheckpointStore.Payload stored = run.claim().read(storeKey);
    if (stored == null) {
      return Optional.empty();
    }
    return Optional.ofNullable((S) Records.decode(stored, storeKey, 0));
  }

  @Override
  public void save(S state) {
    Numbered numbered = serialize(state);
    latest = numbered;
    write(numbered);
    run.forceNow(); // durable when this returns, to the device when the storage promises that
  }

  @Override
  public void saveAsync(S state) {
    Numbered numbered = serialize(state);
    latest = numbered;
    if (pending.getAndSet(numbered) == null) {
      run.services().stateWriter().execute(this::writePending);
    }
  }

  private Numbered serialize(S state) {
    Objects.requireNonNull(state, "state");
    return new Numbered(sequence.incrementAndGet(), CheckpointTypes.serialize(state));
  }

  private void writePending() {
    Numbered next = pending.getAndSet(null);
    if (next != null) {
      try {
        write(next);
      } catch (RuntimeException e) {
        asyncFailure = e;
      }
    }
  }

  private void write(Numbered state) {
    synchronized (writeLock) {
      if (state.number() > written) {
        run.claim().write(storeKey, 0, 0, state.bytes(), 0, state.bytes().length);
        written = state.number();
      }
    }
  }

  /** Writes whatever is pending, on the caller's thread; reports a failed background write. */
  void flush() {
    writePending();
    RuntimeException failure = asyncFailure;
    if (failure != null) {
      throw failure;
    }
  }

  /** Drops the state: the step's output is stored, no attempt will need it. */
  void discard() {
    synchronized (writeLock) {
      written = Long.MAX_VALUE; // a background write still queued must not bring it back
      run.claim().delete(storeKey);
    }
  }
}
