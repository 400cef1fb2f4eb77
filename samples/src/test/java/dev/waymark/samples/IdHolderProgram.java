package dev.waymark.samples;

import dev.waymark.Durability;
import dev.waymark.WorkflowStatus;
import dev.waymark.internal.storage.SegmentStorage;
import dev.waymark.internal.storage.StatusRecord;
import dev.waymark.internal.storage.WorkflowStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The child of {@link IdCreationTest}: the first process to create ids in a storage, so it creates
 * them alone. Arguments: storage, id, release file. It claims the id (created, not written yet),
 * prints {@code HELD}, waits for the release file, then records the workflow, prints {@code DONE}
 * and closes.
 */
public final class IdHolderProgram {
  private IdHolderProgram() {}

  public static void main(String[] args) throws Exception {
    SegmentStorage storage = SegmentStorage.open(Path.of(args[0]), 4, Durability.PROCESS_CRASH, 0);
    WorkflowStore held = storage.claim(args[1], true);
    System.out.println("HELD");
    System.out.flush();
    Path release = Path.of(args[2]);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(release)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("never released");
      }
      Thread.sleep(5);
    }
    held.begin(new byte[] {1}, StatusRecord.first(WorkflowStatus.SUCCESSFUL, 1));
    held.close();
    storage.close();
    System.out.println("DONE");
  }
}
