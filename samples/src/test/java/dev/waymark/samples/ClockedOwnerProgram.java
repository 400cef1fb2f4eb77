package dev.waymark.samples;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A child JVM that opens storage {@code args[0]} with its clock fixed at {@code args[1]}, takes
 * over the segment of a dead runtime by writing a workflow, prints {@code OWNING}, and stays until
 * it is killed.
 */
public final class ClockedOwnerProgram {
  private ClockedOwnerProgram() {}

  public static void main(String[] args) throws Exception {
    Clock fixed = Clock.fixed(Instant.parse(args[1]), ZoneOffset.UTC);
    try (Waymark waymark = Waymark.builder().storage(Path.of(args[0])).clock(fixed).build()) {
      // The first write takes over a segment no live process owns: the dead runtime's.
      waymark.run(Workflow.sleep(Duration.ZERO), "first-write");
      System.out.println("OWNING");
      System.out.flush();
      System.in.read(); // until killed (its standard input stays open)
    }
  }
}
