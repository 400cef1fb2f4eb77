package dev.waymark.samples;

import dev.waymark.Waymark;
import java.nio.file.Path;

/** Runs the pipeline, says so, then stays alive so its sockets can be looked at. */
public final class QuietProgram {
  private QuietProgram() {}

  public static void main(String[] args) throws Exception {
    try (Waymark waymark = Waymark.open(Path.of(args[0]))) {
      System.out.println("ran " + waymark.run(PipelineSample.pipeline(10), "quiet"));
      System.out.flush();
      Thread.sleep(60_000);
    }
  }
}
