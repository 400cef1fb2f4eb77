package dev.waymark.cli;

import dev.waymark.Waymark;
import dev.waymark.WorkflowGraph;
import dev.waymark.WorkflowInfo;
import dev.waymark.WorkflowMetadata;
import dev.waymark.WorkflowStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands that only read: list, show, output, dag. */
final class ReadCommands {
  private ReadCommands() {}

  /** What every read command shares: the storage, and text or JSON. */
  abstract static class Read extends WaymarkCli.OnStorage {
    @Option(names = "--json", description = "Write JSON instead of text.")
    boolean json;

    @Override
    final Object result(Waymark waymark) {
      Object read = read(waymark);
      return json ? WaymarkCli.json(read) : read;
    }

    /** What to print: text, or an object written as JSON with {@code --json}. */
    abstract Object read(Waymark waymark);
  }

  @Command(name = "list", description = "Lists the stored workflows and their statuses.")
  static final class ListCommand extends Read {
    @Option(
        names = "--status",
        split = ",",
        paramLabel = "STATUS",
        description = "Only these statuses: ${COMPLETION-CANDIDATES}.")
    List<WorkflowStatus> statuses = new ArrayList<>();

    @Override
    Object read(Waymark waymark) {
      List<WorkflowInfo> all = waymark.list(statuses.toArray(new WorkflowStatus[0]));
      if (json) {
        return all;
      }
      int width = "WORKFLOW".length();
      for (WorkflowInfo info : all) {
        width = Math.max(width, info.workflowId().length());
      }
      StringBuilder text = new StringBuilder(pad("WORKFLOW", width) + "  STATUS");
      for (WorkflowInfo info : all) {
        text.append('\n').append(pad(info.workflowId(), width)).append("  ").append(info.status());
      }
      return text;
    }
  }

  @Command(
      name = "show",
      description = "Shows a workflow: status, times, error, and each task's state and attempts.")
  static final class ShowCommand extends Read {
    @Parameters(paramLabel = "ID", description = "The workflow id.")
    String id;

    @Override
    Object read(Waymark waymark) {
      WorkflowMetadata metadata = waymark.getMetadata(id);
      WorkflowGraph graph = waymark.graph(id);
      if (json) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("workflowId", id);
        shown.put("status", metadata.status());
        shown.put("start", metadata.start());
        shown.put("end", metadata.end());
        shown.put("firstStart", metadata.firstStart());
        shown.put("metadata", metadata.metadata());
        shown.put("error", graph.error());
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (WorkflowGraph.Task task : graph.tasks()) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("taskId", task.taskId());
          row.put("stepId", task.stepId());
          row.put("state", task.state());
          row.put("failedAttempts", task.failedAttempts());
          row.put("start", task.start());
          row.put("end", task.end());
          row.put("durationMillis", millis(task.start(), task.end()));
          row.put("inputs", task.inputs());
          tasks.add(row);
        }
        shown.put("tasks", tasks);
        return shown;
      }
      StringBuilder text = new StringBuilder();
      line(text, "workflow", id);
      line(text, "status", metadata.status());
      line(text, "started", metadata.start());
      line(text, "ended", metadata.end());
      line(text, "first run", metadata.firstStart());
      if (!metadata.metadata().isEmpty()) {
        line(text, "metadata", metadata.metadata());
      }
      if (graph.error() != null) {
        line(text, "error", graph.error());
      }
      int width = "TASK".length();
      for (WorkflowGraph.Task task : graph.tasks()) {
        width = Math.max(width, task.taskId().length());
      }
      text.append('\n').append(pad("TASK", width)).append("  STATE      FAILED  TIME      STEP");
      for (WorkflowGraph.Task task : graph.tasks()) {
        Long took = millis(task.start(), task.end());
        text.append('\n')
            .append(pad(task.taskId(), width))
            .append("  ")
            .append(pad(task.state().name().toLowerCase(), 9))
            .append("  ")
            .append(pad(String.valueOf(task.failedAttempts()), 6))
            .append("  ")
            .append(pad(took == null ? "-" : took + " ms", 8))
            .append("  ")
            .append(task.stepId());
      }
      return text;
    }

    private static void line(StringBuilder text, String name, Object value) {
      text.append(pad(name, 11)).append(value == null ? "-" : value).append('\n');
    }

    private static Long millis(Instant start, Instant end) {
      return start == null || end == null ? null : Duration.between(start, end).toMillis();
    }
  }

  @Command(
      name = "output",
      description = "Prints a workflow's output, or a task's; your own types need --class-path.")
  static final class OutputCommand extends Read {
    @Parameters(index = "0", paramLabel = "ID", description = "The workflow id.")
    String id;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TASK", description = "A task id.")
    String task;

    @Override
    Object read(Waymark waymark) {
      try {
        return task == null ? waymark.getOutput(id) : waymark.getOutput(id, task);
      } catch (dev.waymark.exceptions.WorkflowNotFoundException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            e.getMessage()
                + (cli.classPath.isEmpty()
                    ? " (an output of your own types needs them: add --class-path)"
                    : ""),
            e);
      }
    }
  }

  @Command(
      name = "dag",
      description = "Draws a workflow's DAG, tasks coloured by state: DOT, Mermaid or SVG.")
  static final class DagCommand extends Read {
    @Parameters(paramLabel = "ID", description = "The workflow id.")
    String id;

    @Option(
        names = "--format",
        description = "dot, mermaid or svg (needs Graphviz's dot); default: ${DEFAULT-VALUE}.")
    String format = "dot";

    @Override
    Object read(Waymark waymark) {
      WorkflowGraph graph = waymark.graph(id);
      return switch (format) {
        case "dot" -> graph.toDot().stripTrailing();
        case "mermaid" -> graph.toMermaid().stripTrailing();
        case "svg" -> svg(graph.toDot());
        default ->
            throw new IllegalArgumentException(
                "--format must be dot, mermaid or svg, not '" + format + "'");
      };
    }

    private static String svg(String dot) {
      try {
        Process process = new ProcessBuilder("dot", "-Tsvg").redirectErrorStream(true).start();
        process.getOutputStream().write(dot.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String svg = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
          throw new IllegalStateException("Graphviz's dot failed: " + svg);
        }
        return svg.stripTrailing();
      } catch (IOException e) {
        throw new IllegalStateException(
            "--format svg needs Graphviz's dot on the PATH; use --format dot or mermaid", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while dot ran", e);
      }
    }
  }

  static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
