package dev.waymark.test;

import dev.waymark.Waymark;
import dev.waymark.internal.Engine;
import dev.waymark.internal.RunHooks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A Waymark runtime for a test, on a storage of its own, with a {@link TestClock}: {@link
 * WaymarkExtension} gives one to each test. A test can crash the runtime at a chosen step, as
 * SIGKILL would kill its process, then {@link #restart} and see what the next run executed and what
 * it restored.
 *
 * <pre>{@code
 * kit.crashAfterCommit("charge");
 * assertThrows(WorkflowStoppedException.class, () -> kit.waymark().run(order("o-1"), "o-1"));
 * kit.restart();
 * assertEquals("o-1 shipped", kit.waymark().resume("o-1"));
 * assertEquals(List.of("charge"), kit.restored("o-1"));
 * }</pre>
 */
public final class TestWaymark implements AutoCloseable {
  private final Path storage;
  private final TestClock clock = new TestClock();
  private final Consumer<Waymark.Builder> settings;
  private final StepRecord record = new StepRecord();
  private Waymark waymark;
  private boolean deleteOnClose;

  /**
   * A runtime on {@code storage} with the settings {@code settings} makes on its builder (after the
   * storage and the clock are set), opened when first used.
   */
  public TestWaymark(Path storage, Consumer<Waymark.Builder> settings) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.settings = Objects.requireNonNull(settings, "settings");
    RunHooks.install(storage, record);
  }

  /** A runtime on a new temporary storage, deleted by {@link #close}. */
  public static TestWaymark onTemporaryStorage(Consumer<Waymark.Builder> settings) {
    try {
      TestWaymark kit = new TestWaymark(Files.createTempDirectory("waymark-test-"), settings);
      kit.deleteOnClose = true;
      return kit;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary storage: " + e, e);
    }
  }

  /** The runtime, opened on first use and again after {@link #restart}. */
  public synchronized Waymark waymark() {
    if (waymark == null) {
      Waymark.Builder builder = Waymark.builder().storage(storage).clock(clock);
      settings.accept(builder);
      waymark = builder.build();
    }
    return waymark;
  }

  /** The clock the runtime reads; move it to end sleeps and backoffs. */
  public TestClock clock() {
    return clock;
  }

  /** The storage directory. */
  public Path storage() {
    return storage;
  }

  /**
   * Ends this runtime and opens a new one on the same storage, as a restarted process would: after
   * a crash, the new runtime recovers what the dead one left. A runtime still alive is closed
   * gracefully first. What was recorded of the former runtime's runs is forgotten.
   */
  public synchronized Waymark restart() {
    closeRuntime();
    record.clear();
    return waymark();
  }

  /**
   * Kills the runtime right after the output of task {@code taskId} (of any workflow) is committed,
   * before anything else happens: its workflow ends with a {@code WorkflowStoppedException}, and
   * after {@link #restart} that task's output is restored.
   */
  public void crashAfterCommit(String taskId) {
    record.arm(StepRecord.Moment.AFTER_COMMIT, null, taskId);
  }

  /** Like {@link #crashAfterCommit(String)}, for task {@code taskId} of {@code workflowId} only. */
  public void crashAfterCommit(String workflowId, String taskId) {
    record.arm(StepRecord.Moment.AFTER_COMMIT, workflowId, taskId);
  }

  /**
   * Kills the runtime after the step of task {@code taskId} returned, before its output is
   * committed: after {@link #restart}, the step runs again.
   */
  public void crashBeforeCommit(String taskId) {
    record.arm(StepRecord.Moment.BEFORE_COMMIT, null, taskId);
  }

  /** Like {@link #crashBeforeCommit(String)}, for task {@code taskId} of {@code workflowId}. */
  public void crashBeforeCommit(String workflowId, String taskId) {
    record.arm(StepRecord.Moment.BEFORE_COMMIT, workflowId, taskId);
  }

  /**
   * Kills the runtime in the middle of a {@code Checkpointer.save} of task {@code taskId}'s step:
   * the state is written, and the step never learns that it was. After {@link #restart}, the step's
   * next attempt loads that state.
   */
  public void crashInStateSave(String taskId) {
    record.arm(StepRecord.Moment.IN_STATE_SAVE, null, taskId);
  }

  /** Whether an injected crash killed the runtime (since the last {@link #restart}). */
  public boolean crashed() {
    return record.crashed();
  }

  /**
   * The tasks of {@code workflowId} whose step ran in this runtime, one entry per attempt, in the
   * order they started (steps that run in parallel in any order).
   */
  public List<String> executed(String workflowId) {
    return record.executed(workflowId);
  }

  /** The tasks of {@code workflowId} whose output this runtime restored from an earlier run. */
  public List<String> restored(String workflowId) {
    return record.restored(workflowId);
  }

  /** The tasks of {@code workflowId} whose output this runtime committed. */
  public List<String> committed(String workflowId) {
    return record.committed(workflowId);
  }

  /**
   * Waits until task {@code taskId} of {@code workflowId} is committed in this runtime.
   *
   * @throws AssertionError when it is not within {@code timeout}
   */
  public void awaitCommitted(String workflowId, String taskId, Duration timeout) {
    if (!waiting(() -> record.awaitCommitted(workflowId, taskId, timeout.toMillis()))) {
      throw new AssertionError(
          "task '" + taskId + "' of '" + workflowId + "' was not committed within " + timeout);
    }
  }

  /**
   * Moves the clock on by {@code step} at a time, letting the runtime act after each move, until
   * {@code run} completes (a workflow that sleeps, backs off before a retry, or both); returns its
   * result, or throws what it failed with.
   *
   * @throws AssertionError when it has not completed after 10,000 moves
   */
  @SuppressWarnings("unchecked")
  public <T> T advanceUntilDone(CompletableFuture<T> run, Duration step) {
    for (int moves = 0; moves <= 10_000; moves++) {
      if (waiting(() -> awaitDone(run))) {
        return (T) Engine.join(run); // its result, or what it failed with, as Waymark.run throws it
      }
      clock.advance(step);
    }
    throw new AssertionError(
        "not done after 10,000 moves of " + step + "; the clock reads " + clock);
  }

  /**
   * Waits until the durable sleep {@code taskId} of {@code workflowId} fixed its wake-up time in
   * this runtime (its id is {@code sleep}, {@code sleep_1}, ... as for any step): the clock moved
   * from then on wakes it when due.
   *
   * @throws AssertionError when it does not within {@code timeout}
   */
  public void awaitSleeping(String workflowId, String taskId, Duration timeout) {
    if (!waiting(() -> record.awaitSleeping(workflowId, taskId, timeout.toMillis()))) {
      throw new AssertionError(
          "task '" + taskId + "' of '" + workflowId + "' did not start sleeping within " + timeout);
    }
  }

  /**
   * Moves the clock on by {@code step} at a time, letting the runtime act after each move, until
   * task {@code taskId} of {@code workflowId} is committed in this runtime: a sleep that ended, a
   * step that waited for its backoff.
   *
   * @throws AssertionError when it is not committed after 10,000 moves
   */
  public void advanceUntilCommitted(String workflowId, String taskId, Duration step) {
    for (int moves = 0; moves <= 10_000; moves++) {
      if (waiting(() -> record.awaitCommitted(workflowId, taskId, 20))) {
        return;
      }
      clock.advance(step);
    }
    throw new AssertionError(
        "task '"
            + taskId
            + "' of '"
            + workflowId
            + "' not committed after 10,000 moves of "
            + step);
  }

  /** Whether {@code run} completed within 20 ms. */
  private static boolean awaitDone(CompletableFuture<?> run) throws InterruptedException {
    try {
      run.get(20, TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return true;
    }
  }

  /** A wait that the test's thread may be interrupted in. */
  private interface Wait {
    boolean done() throws InterruptedException;
  }

  /** Runs {@code wait}; an interrupt of the test's thread fails the test. */
  private static boolean waiting(Wait wait) {
    try {
      return wait.done();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting", e);
    }
  }

  /**
   * Checks that exactly the tasks {@code taskIds} of {@code workflowId} ran in this runtime, one
   * attempt each in any order (list a task twice for two attempts).
   */
  public void assertExecuted(String workflowId, String... taskIds) {
    assertSame("ran", workflowId, executed(workflowId), taskIds);
  }

  /** Checks that exactly the tasks {@code taskIds} of {@code workflowId} were restored. */
  public void assertRestored(String workflowId, String... taskIds) {
    assertSame("were restored", workflowId, restored(workflowId), taskIds);
  }

  private static void assertSame(
      String what, String workflowId, List<String> actual, String... expected) {
    List<String> sortedActual = new ArrayList<>(actual);
    List<String> sortedExpected = new ArrayList<>(List.of(expected));
    sortedActual.sort(null);
    sortedExpected.sort(null);
    if (!sortedActual.equals(sortedExpected)) {
      throw new AssertionError(
          "in workflow '"
              + workflowId
              + "' these tasks "
              + what
              + ": "
              + actual
              + ", expected "
              + List.of(expected));
    }
  }

  private synchronized void closeRuntime() {
    if (waymark != null) {
      try {
        waymark.close();
      } finally {
        waymark = null;
      }
    }
  }

  /** Closes the runtime; deletes the storage when it was a temporary one. */
  @Override
  public synchronized void close() {
    try {
      closeRuntime();
    } finally {
      RunHooks.install(storage, null);
      if (deleteOnClose) {
        delete(storage);
      }
    }
  }

  static void delete(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // a temporary directory: left for the system to clean
    }
  }
}
