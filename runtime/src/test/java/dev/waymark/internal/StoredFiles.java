package dev.waymark.internal;

import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.Storages;
import dev.waymark.internal.storage.TaskKeys;
import dev.waymark.internal.storage.WorkflowStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a storage of either layout keeps what a test looks at. */
final class StoredFiles {
  private StoredFiles() {}

  static boolean segmented(Path storage) {
    return Files.isDirectory(storage.resolve("segments"));
  }

  /** Whether an event for the workflow waits in its mailbox (the workflow may be running). */
  static boolean eventPresent(Path storage, String workflowId, String key) {
    if (!segmented(storage)) {
      return Files.exists(storage.resolve("workflows/" + workflowId + "/events/" + key + ".bin"));
    }
    try (Storage store = Storages.open(storage);
        WorkflowStore view = store.view(workflowId)) {
      return view.values().contains(TaskKeys.event(TaskKeys.hash(key)));
    }
  }

  /** Whether a wait of the workflow recorded the event type it expects under {@code key}. */
  static boolean expectationPresent(Path storage, String workflowId, String key) {
    try (Storage store = Storages.open(storage)) {
      return store.readEventExpectation(workflowId, key) != null;
    }
  }

  /** The map file that holds the first records of the workflow (of segment 0 when segmented). */
  static Path recordsMap(Path storage, String workflowId) {
    return segmented(storage)
        ? storage.resolve("segments/0/records-0.cmap")
        : storage.resolve("workflows").resolve(workflowId).resolve("records-0.cmap");
  }
}
