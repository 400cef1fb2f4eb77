package dev.waymark.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a test kit sees of the runs of a storage, and where it may kill them: a hook installed for a
 * storage directory is called by every runtime opened on that directory afterwards. A hook that
 * throws {@link SimulatedCrash} from {@link #attemptStarting}, {@link #committing}, {@link
 * #committed} or {@link #stateSaved} kills its runtime right there, as SIGKILL would kill its
 * process. Without a hook for the storage, each of these places costs a null check.
 *
 * <p>Not public API: {@code waymark-test} is the supported way to use it.
 */
public interface RunHooks {
  /** The step of {@code taskId} is about to run its attempt number {@code attempt}. */
  default void attemptStarting(String workflowId, String taskId, int attempt) {}

  /** The output of {@code taskId} was found committed by an earlier run: its step does not run. */
  default void restored(String workflowId, String taskId) {}

  /** The step of {@code taskId} returned; its output is about to be committed. */
  default void committing(String workflowId, String taskId) {}

  /** The output of {@code taskId} is committed. */
  default void committed(String workflowId, String taskId) {}

  /** The durable sleep {@code taskId} fixed (and stored) when it wakes, in epoch milliseconds. */
  default void sleeping(String workflowId, String taskId, long wakeMillis) {}

  /** The step of {@code taskId} saved a state (number {@code number}), not yet told it did. */
  default void stateSaved(String workflowId, String taskId, long number) {}

  /** Installs {@code hooks} for runtimes opened on {@code storage} from now on; null removes. */
  static void install(Path storage, RunHooks hooks) {
    Path key = storage.toAbsolutePath().normalize();
    if (hooks == null) {
      Installed.BY_STORAGE.remove(key);
    } else {
      Installed.BY_STORAGE.put(key, hooks);
    }
  }

  /** The hooks installed for {@code storage}, or null. */
  static RunHooks installed(Path storage) {
    return Installed.BY_STORAGE.isEmpty()
        ? null
        : Installed.BY_STORAGE.get(storage.toAbsolutePath().normalize());
  }

  /** The hooks by storage directory. */
  final class Installed {
    private static final Map<Path, RunHooks> BY_STORAGE = new ConcurrentHashMap<>();

    private Installed() {}
  }
}
