package dev.waymark.test;

import dev.waymark.Waymark;
import dev.waymark.WorkflowInfo;
import dev.waymark.exceptions.WorkflowException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Checks the workflows of a storage (a test's, or a copy of a production one) against the code of
 * this JVM, running none of them: each is checked as a resume would check it before it runs
 * anything ({@link Waymark#checkCompatible}). The check works on a copy of the storage, so the
 * storage itself is left exactly as it was; copy a live production storage first, as no process may
 * write it while it is copied.
 *
 * <pre>{@code
 * ReplayCheck.assertCompatible(Path.of("prod-storage-copy"));
 * }</pre>
 */
public final class ReplayCheck {
  private ReplayCheck() {}

  /** What this code cannot continue, by workflow id: the message a resume would refuse it with. */
  public static Map<String, String> incompatible(Path storage) {
    Path copy = copy(storage);
    Map<String, String> refused = new TreeMap<>();
    try (Waymark waymark = Waymark.open(copy)) {
      for (WorkflowInfo workflow : waymark.list()) {
        try {
          waymark.checkCompatible(workflow.workflowId());
        } catch (WorkflowException e) {
          refused.put(workflow.workflowId(), e.getMessage());
        }
      }
    } finally {
      TestWaymark.delete(copy);
    }
    return refused;
  }

  /**
   * Checks that this code can continue every workflow of {@code storage}.
   *
   * @throws AssertionError listing every workflow it cannot continue, and why
   */
  public static void assertCompatible(Path storage) {
    Map<String, String> refused = incompatible(storage);
    if (!refused.isEmpty()) {
      StringBuilder text =
          new StringBuilder(refused.size() + " stored workflow(s) cannot continue on this code:");
      refused.forEach((id, why) -> text.append("\n  ").append(id).append(": ").append(why));
      throw new AssertionError(text.toString());
    }
  }

  private static Path copy(Path storage) {
    if (!Files.isDirectory(storage)) {
      throw new IllegalArgumentException("no storage directory at " + storage);
    }
    try {
      Path copy = Files.createTempDirectory("waymark-replay-");
      try (Stream<Path> files = Files.walk(storage)) {
        for (Path from : files.toList()) {
          Path to = copy.resolve(storage.relativize(from).toString());
          if (Files.isDirectory(from)) {
            Files.createDirectories(to);
          } else {
            Files.copy(from, to);
          }
        }
      }
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the storage " + storage + ": " + e, e);
    }
  }
}
