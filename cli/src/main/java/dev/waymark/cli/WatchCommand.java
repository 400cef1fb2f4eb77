package dev.waymark.cli;

import dev.waymark.Waymark;
import dev.waymark.WorkflowGraph;
import dev.waymark.WorkflowStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code waymark watch ID}: a workflow's progress until it ends; it only reads. */
@Command(
    name = "watch",
    description =
        "Shows a workflow's progress (tasks of its DAG committed) until it ends: a bar on a"
            + " terminal, plain lines otherwise. Exits 0 when it succeeded, 1 otherwise.")
final class WatchCommand implements Callable<Integer> {
  @ParentCommand WaymarkCli cli;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The workflow id.")
  String id;

  @Option(
      names = "--interval",
      description = "How often to look, in milliseconds (default: ${DEFAULT-VALUE}).")
  long intervalMillis = 500;

  @Override
  public Integer call() throws InterruptedException {
    try (Waymark waymark = cli.open()) {
      WorkflowGraph graph = waymark.graph(id);
      ProgressBarBuilder builder =
          new ProgressBarBuilder()
              .setTaskName(id)
              .setInitialMax(graph.tasks().size())
              .startsFrom(committed(graph), Duration.ZERO);
      PrintWriter out = spec.commandLine().getOut();
      if (System.console() == null) { // not a terminal: plain lines
        builder
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(
                new DelegatingProgressBarConsumer(
                    line -> {
                      out.println(line);
                      out.flush();
                    }));
      }
      WorkflowStatus status;
      try (ProgressBar bar = builder.build()) {
        while (true) {
          status = waymark.getStatus(id);
          graph = waymark.graph(id);
          bar.stepTo(committed(graph));
          bar.setExtraMessage(status.toString());
          if (status != WorkflowStatus.RUNNING && status != WorkflowStatus.PENDING) {
            break;
          }
          Thread.sleep(intervalMillis);
        }
      }
      out.println(id + " " + status);
      out.flush();
      return status == WorkflowStatus.SUCCESSFUL ? 0 : 1;
    }
  }

  private static long committed(WorkflowGraph graph) {
    return graph.tasks().stream()
        .filter(task -> task.state() == WorkflowGraph.TaskState.COMMITTED)
        .count();
  }
}
