package dev.waymark.internal;

import dev.waymark.Checkpointer;
import dev.waymark.internal.storage.Payload;
import dev.waymark.internal.storage.TaskKeys;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A task's intra-step state, stored under its own keys so that every attempt of the task (not only
 * the previous one) shares it. States are serialized when saved and numbered, and the number is
 * stored with the state; a write never replaces a newer state with an older one, so background and
 * foreground saves may interleave.
 *
 * <p>States alternate between two records by the parity of their number: a process killed in the
 * middle of writing state N leaves state N-1 whole in the other record (a map entry being
 * overwritten can be torn, and is dropped when the map is recovered), so the last state a {@code
 * save} returned from is never lost.
 */
final class StateCheckpointer<S> implements Checkpointer<S> {
  private static final int NUMBER = 8;

  private final Execution run;
  private final long taskKey;
  private final String taskId;
  private final int attempt;
  private final AtomicLong sequence = new AtomicLong(-1);
  private final AtomicReference<Numbered> pending = new AtomicReference<>();
  private final Object writeLock = new Object();
  private long written = 0;
  private volatile Numbered latest;
  private volatile RuntimeException asyncFailure;

  /** A state and its number; {@code bytes} start with the number (8 bytes), then the state. */
  private record Numbered(long number, byte[] bytes) {}

  StateCheckpointer(Execution run, long taskKey, String taskId, int attempt) {
    this.attempt = attempt;
    this.run = run;
    this.taskKey = taskKey;
    this.taskId = taskId;
  }

  private long slot(long number) {
    return TaskKeys.store((number & 1) == 0 ? TaskKeys.STATE : TaskKeys.STATE_ODD, taskKey);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Optional<S> load() {
    Numbered last = latest;
    if (last == null) {
      enter();
      try {
        last = stored();
      } finally {
        run.leaveStorage();
      }
    }
    if (last == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        (S) CheckpointCodec.deserialize(last.bytes(), NUMBER, last.bytes().length - NUMBER));
  }

  /** The newest whole state in storage, or null. */
  private Numbered stored() {
    Numbered newest = null;
    for (long space : new long[] {TaskKeys.STATE, TaskKeys.STATE_ODD}) {
      long key = TaskKeys.store(space, taskKey);
      Payload payload;
      try {
        payload = run.claim().values().read(key);
      } catch (dev.waymark.exceptions.CheckpointCorruptedException torn) {
        continue; // a write cut short by a crash: the other record holds the state before it
      }
      if (payload == null || payload.length() < NUMBER) {
        continue;
      }
      byte[] bytes =
          java.util.Arrays.copyOfRange(
              payload.bytes(), payload.offset(), payload.offset() + payload.length());
      long number = ByteBuffer.wrap(bytes).getLong();
      if (newest == null || number > newest.number()) {
        newest = new Numbered(number, bytes);
      }
    }
    return newest;
  }

  @Override
  public void save(S state) {
    Numbered numbered = serialize(state);
    enter();
    try {
      latest = numbered;
      write(numbered);
      run.forceNow(); // durable when this returns, to the device when the storage promises that
      RunEvents.stateSaved(run, taskId, attempt, numbered.number());
      if (run.hooked()) {
        run.hook(hooks -> hooks.stateSaved(run.workflowId(), taskId, numbered.number()));
      }
    } finally {
      run.leaveStorage();
    }
  }

  /** The step's code uses the storage; a stop that abandoned the run refuses that. */
  private void enter() {
    if (!run.enterStorage()) {
      throw new dev.waymark.exceptions.WorkflowStoppedException(run.workflowId());
    }
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
    byte[] value = CheckpointCodec.serialize(state);
    long number;
    enter();
    try {
      number = nextNumber();
    } finally {
      run.leaveStorage();
    }
    byte[] bytes = ByteBuffer.allocate(NUMBER + value.length).putLong(number).put(value).array();
    return new Numbered(number, bytes);
  }

  /** Numbers go on from the newest stored state, so an older attempt's state never wins. */
  private long nextNumber() {
    if (sequence.get() < 0) {
      synchronized (sequence) {
        if (sequence.get() < 0) {
          Numbered stored = stored();
          sequence.set(stored == null ? 0 : stored.number());
        }
      }
    }
    return sequence.incrementAndGet();
  }

  private void writePending() {
    Numbered next = pending.getAndSet(null);
    if (next != null && run.enterStorage()) {
      try {
        write(next);
      } catch (RuntimeException e) {
        asyncFailure = e;
      } finally {
        run.leaveStorage();
      }
    }
  }

  private void write(Numbered state) {
    synchronized (writeLock) {
      if (state.number() > written) {
        run.claim()
            .values()
            .write(slot(state.number()), 0, 0, state.bytes(), 0, state.bytes().length);
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
      run.claim().values().delete(TaskKeys.store(TaskKeys.STATE, taskKey));
      run.claim().values().delete(TaskKeys.store(TaskKeys.STATE_ODD, taskKey));
    }
  }
}
