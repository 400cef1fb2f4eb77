package dev.waymark.samples;

import dev.waymark.Waymark;
import java.nio.file.Path;

/** Serves the status page of storage {@code args[0]} on port 8080 while it runs the pipeline. */
public final class StatusPageSample {
  private StatusPageSample() {}

  public static void main(String[] args) throws InterruptedException {
    try (Waymark waymark =
        Waymark.builder().storage(Path.of(args[0])).statusPage(8080, false).build()) {
      System.out.println("status page: " + waymark.statusPage()); // http://127.0.0.1:8080/
      System.out.println("pipeline(10) = " + waymark.run(PipelineSample.pipeline(10), "report"));
      Thread.currentThread().join(); // serves until the process is stopped (Ctrl-C)
    }
  }
}
