package dev.waymark.samples;

import dev.waymark.Waymark;
import dev.waymark.WaymarkEvent;
import dev.waymark.WaymarkListener;
import dev.waymark.Workflow;
import dev.waymark.WorkflowGraph;
import dev.waymark.annotations.Step;
import java.nio.file.Path;
import java.time.Duration;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar for a long workflow, from a listener: one tick per step committed. A resumed
 * workflow's bar starts at what earlier runs committed, read from its graph. A bar on a terminal, a
 * plain line a second otherwise.
 */
public final class Progress {
  private Progress() {}

  @Step
  static int work(int done) throws InterruptedException {
    Thread.sleep(50); // a slow step
    return done + 1;
  }

  /** {@code steps} slow steps, one after the other. */
  static Workflow<Integer> batch(int steps) {
    Workflow<Integer> done = Workflow.of(0);
    for (int i = 0; i < steps; i++) {
      done = ProgressSteps.work(done);
    }
    return done;
  }

  /** Ticks a progress bar for each step of one workflow that is committed. */
  static final class StepBar implements WaymarkListener, AutoCloseable {
    private final String workflowId;
    private final int steps;
    private volatile ProgressBar bar;

    StepBar(String workflowId, int steps) {
      this.workflowId = workflowId;
      this.steps = steps;
    }

    /** Shows the bar, from the steps earlier runs of the workflow committed, if it is stored. */
    void start(Waymark waymark) {
      long committed = 0;
      if (waymark.list().stream().anyMatch(info -> info.workflowId().equals(workflowId))) {
        committed =
            waymark.graph(workflowId).tasks().stream()
                .filter(task -> task.state() == WorkflowGraph.TaskState.COMMITTED)
                .count();
      }
      ProgressBarBuilder builder =
          new ProgressBarBuilder()
              .setTaskName(workflowId)
              .setInitialMax(steps)
              .startsFrom(committed, Duration.ZERO);
      if (System.console() == null) { // not a terminal: plain lines
        builder
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new DelegatingProgressBarConsumer(System.out::println));
      }
      bar = builder.build();
    }

    @Override
    public void on(WaymarkEvent event) {
      ProgressBar shown = bar;
      if (shown != null
          && event instanceof WaymarkEvent.StepCommitted
          && event.workflowId().equals(workflowId)) {
        shown.step();
      }
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }

  /** Runs (or resumes) a batch of 40 slow steps on storage {@code args[0]} with a progress bar. */
  public static void main(String[] args) {
    try (StepBar bar = new StepBar("batch", 40);
        Waymark waymark = Waymark.builder().storage(Path.of(args[0])).listener(bar).build()) {
      bar.start(waymark);
      System.out.println("done: " + waymark.run(batch(40), "batch"));
    }
  }
}
