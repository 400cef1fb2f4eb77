package dev.waymark.internal;

import dev.waymark.internal.storage.Failures;
import dev.waymark.internal.storage.WorkflowStore;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A run's side of its attempt journal: the failed attempts of each task (those the death of a
 * process cut short among them), and the in-flight slots in which each running chain notes the
 * attempt it runs, so that the next process can count it.
 */
final class AttemptJournal {
  private static final Failures NONE = new Failures(0, 0);

  private final WorkflowStore.Attempts attempts;
  private final Map<Long, Failures> failed = new ConcurrentHashMap<>();

  /** Slots given back, to be taken again first; slots from {@code fresh} up were never taken. */
  private int[] givenBack = new int[4];

  private int givenBackCount;
  private int fresh;

  AttemptJournal(WorkflowStore.Attempts attempts) {
    this.attempts = attempts;
  }

  /** Counts the attempts that died with the previous process as failed, durably, first. */
  void load() {
    Map<Long, Failures> recorded = attempts.readFailed();
    Map<Long, Failures> merged = Failures.withInterrupted(recorded, attempts.interrupted());
    if (!merged.equals(recorded)) {
      attempts.writeFailed(merged);
    }
    failed.putAll(merged);
  }

  /** The failed attempts of a task so far. */
  Failures failures(long task) {
    return failed.isEmpty() ? NONE : failed.getOrDefault(task, NONE);
  }

  /**
   * Counts attempt number {@code attempt} of {@code task} as failed, durably; as lost with the
   * process that ran it when {@code crashed}.
   */
  void failed(long task, int attempt, boolean crashed) {
    synchronized (failed) {
      failed.put(task, failures(task).then(attempt, crashed));
      attempts.writeFailed(new HashMap<>(failed));
    }
  }

  synchronized int takeSlot() {
    if (givenBackCount > 0) {
      return givenBack[--givenBackCount];
    }
    if (fresh == attempts.slots()) {
      throw new IllegalStateException("more task chains than in-flight slots");
    }
    return fresh++;
  }

  /** Frees a slot, even when the journal cannot be written: the slot is free either way. */
  synchronized void giveSlot(int slot) {
    if (givenBackCount == givenBack.length) {
      givenBack = java.util.Arrays.copyOf(givenBack, 2 * givenBackCount);
    }
    givenBack[givenBackCount++] = slot;
    attempts.clear(slot);
  }

  /** Empties every slot: the attempts a stop cut short are not failed ones. */
  void clearSlots() {
    for (int slot = 0; slot < attempts.slots(); slot++) {
      attempts.clear(slot);
    }
  }
}
