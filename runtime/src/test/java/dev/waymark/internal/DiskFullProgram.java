package dev.waymark.internal;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs on a small file system (see {@link DiskFullTest}): fills it with a filler file, runs a
 * workflow until the device is too full, frees the filler and resumes. Prints what happened.
 */
public final class DiskFullProgram {
  /** How many steps run at once. */
  static final int PARALLELISM = 2;

  private DiskFullProgram() {}

  public static void main(String[] args) throws Exception {
    Path storage = Path.of(args[0]);
    Path filler = Path.of(args[1]);
    Files.write(filler, new byte[Integer.parseInt(args[2]) << 20]);
    List<Workflow<Integer>> parts = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      parts.add(TestSteps.length(TestSteps.bytes(20_000 + i)));
    }
    Workflow<Integer> total = TestSteps.sum(Workflow.all(parts));
    // Two steps at a time, whatever the JDK's default: the test bounds the re-runs by it.
    try (Waymark waymark =
        Waymark.builder()
            .storage(storage)
            .parallelism(PARALLELISM)
            .freeSpaceReserve(2L << 20)
            .build()) {
      try {
        waymark.run(total, "full");
        System.out.println("finished without running out of space");
      } catch (RuntimeException e) {
        System.out.println("threw " + e);
      }
      System.out.println("status " + waymark.getStatus("full"));
    }
    int ranBefore = TestSteps.runs("bytes");
    Files.delete(filler);
    try (Waymark waymark = Waymark.builder().storage(storage).freeSpaceReserve(2L << 20).build()) {
      Object result = waymark.resume("full");
      System.out.println("resumed " + result + " status " + waymark.getStatus("full"));
    }
    System.out.println(
        "bytes steps: " + ranBefore + " then " + (TestSteps.runs("bytes") - ranBefore));
  }
}
