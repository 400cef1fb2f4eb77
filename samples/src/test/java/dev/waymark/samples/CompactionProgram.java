package dev.waymark.samples;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import java.nio.file.Path;

/**
 * Runs workflow "waiting" (it waits for event "go"), then c0, c1, ... one after another, keeping
 * every third and deleting the others, printing {@code DONE i} after each: a stream that makes its
 * segment's log compact again and again when started with a small {@code waymark.log.compactBytes}.
 * Arguments: storage, how many.
 */
public final class CompactionProgram {
  private CompactionProgram() {}

  public static void main(String[] args) {
    try (Waymark waymark = Waymark.open(Path.of(args[0]))) {
      waymark.runAsync(Workflow.waitForEvent("go", String.class), "waiting");
      for (int i = 0; i < Integer.parseInt(args[1]); i++) {
        waymark.run(DamageSteps.chain("c" + i), "c" + i);
        if (i % 3 != 1) {
          waymark.delete("c" + i);
        }
        System.out.println("DONE " + i);
        System.out.flush();
      }
    }
  }
}
