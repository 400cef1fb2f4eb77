package dev.waymark.samples;

import dev.waymark.Waymark;
import dev.waymark.WaymarkEvent;
import dev.waymark.WaymarkListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A listener: it notes each step that was committed or restored, and each retry, as one line. A
 * listener sees every run of its runtime; it is called on the thread that did the work, so it only
 * notes, and quickly.
 */
public final class Watching {
  private Watching() {}

  /** One line per committed, restored or retried step. */
  static final class StepLines implements WaymarkListener {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void on(WaymarkEvent event) {
      if (event instanceof WaymarkEvent.StepCommitted e) {
        Duration took = Duration.between(e.started(), e.time());
        lines.add(e.taskId() + " committed in " + took.toMillis() + " ms, " + e.bytes() + " bytes");
      } else if (event instanceof WaymarkEvent.StepRestored e) {
        lines.add(e.taskId() + " restored");
      } else if (event instanceof WaymarkEvent.StepRetried e) {
        lines.add(e.taskId() + " failed (" + e.error().getMessage() + "), retried in " + e.delay());
      }
    }
  }

  /** Runs the pipeline on {@code args[0]} with the listener and prints what it noted. */
  public static void main(String[] args) {
    StepLines steps = new StepLines();
    try (Waymark waymark = Waymark.builder().storage(Path.of(args[0])).listener(steps).build()) {
      System.out.println("pipeline(10) = " + waymark.run(PipelineSample.pipeline(10), "watched"));
    }
    steps.lines.forEach(System.out::println);
  }
}
