package dev.waymark.internal;

import dev.waymark.WorkflowGraph;
import dev.waymark.WorkflowInfo;
import dev.waymark.WorkflowMetadata;
import dev.waymark.WorkflowStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** The status page's HTML: the list of workflows, a workflow's page, and its DAG as SVG. */
final class PageHtml {
  private PageHtml() {}

  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}"
          + "table{border-collapse:collapse}td,th{padding:.25em .8em;border-bottom:1px solid #ddd;"
          + "text-align:left}th{background:#f4f4f4}.SUCCESSFUL{color:#2e7d32}.FAILED{color:#c62828}"
          + ".RUNNING{color:#1565c0}.RESUMABLE{color:#ef6c00}.CANCELED,.PENDING{color:#757575}"
          + "pre{white-space:pre-wrap;background:#fbeaea;padding:.5em}form{display:inline}";

  static String page(String title, String body) {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
        + escape(title)
        + "</title><style>"
        + STYLE
        + "</style><script src=\"/page.js\" defer></script></head><body>"
        + body
        + "</body></html>";
  }

  /** The list page: a filter by status, and the table whose body refreshes itself. */
  static String list(List<WorkflowInfo> workflows, WorkflowStatus filter) {
    StringBuilder body = new StringBuilder("<h1>Waymark workflows</h1>");
    body.append(
        "<form method=\"get\" action=\"/\"><label>Status <select id=\"status\" name=\"status\">");
    body.append("<option value=\"\">all</option>");
    for (WorkflowStatus status : WorkflowStatus.values()) {
      body.append("<option")
          .append(status == filter ? " selected" : "")
          .append('>')
          .append(status)
          .append("</option>");
    }
    body.append("</select></label> <noscript><button>Filter</button></noscript></form>");
    body.append("<table id=\"workflows\"><thead><tr><th>Workflow</th><th>Status</th></tr></thead>");
    body.append("<tbody data-refresh=\"").append(filter == null ? "" : filter).append("\">");
    body.append(rows(workflows)).append("</tbody></table>");
    return page("Waymark workflows", body.toString());
  }

  /** The list's rows, also served alone for the page's refresh. */
  static String rows(List<WorkflowInfo> workflows) {
    StringBuilder rows = new StringBuilder();
    for (WorkflowInfo info : workflows) {
      rows.append("<tr data-workflow=\"")
          .append(escape(info.workflowId()))
          .append("\"><td><a href=\"/workflow/")
          .append(URLEncoder.encode(info.workflowId(), StandardCharsets.UTF_8))
          .append("\">")
          .append(escape(info.workflowId()))
          .append("</a></td><td class=\"status ")
          .append(info.status())
          .append("\">")
          .append(info.status())
          .append("</td></tr>");
    }
    return rows.toString();
  }

  /** A workflow's page: status, times, error, its DAG, its tasks, and the allowed actions. */
  static String workflow(WorkflowMetadata metadata, WorkflowGraph graph, boolean changes) {
    String id = metadata.workflowId();
    StringBuilder body = new StringBuilder("<p><a href=\"/\">All workflows</a></p>");
    body.append("<h1>").append(escape(id)).append("</h1><table id=\"summary\">");
    row(
        body,
        "Status",
        "<span class=\"status " + metadata.status() + "\">" + metadata.status() + "</span>");
    row(body, "Started", escape(String.valueOf(metadata.start())));
    row(body, "Ended", escape(String.valueOf(metadata.end())));
    row(body, "First run", escape(String.valueOf(metadata.firstStart())));
    if (!metadata.metadata().isEmpty()) {
      row(body, "Metadata", escape(metadata.metadata().toString()));
    }
    body.append("</table>");
    if (metadata.status() == WorkflowStatus.RUNNING
        || metadata.status() == WorkflowStatus.PENDING) {
      body.append("<div id=\"live\" hidden></div>"); // the page reloads itself meanwhile
    }
    if (graph.error() != null) {
      body.append("<h2>Error</h2><pre id=\"error\">")
          .append(escape(graph.error()))
          .append("</pre>");
    }
    if (changes) {
      String path = "/workflow/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
      body.append("<p><form method=\"post\" action=\"")
          .append(path)
          .append("/cancel\">")
          .append("<button id=\"cancel\">Cancel</button></form> ")
          .append("<form method=\"post\" action=\"")
          .append(path)
          .append("/resume\">")
          .append("<button id=\"resume\">Resume</button></form></p>");
    }
    body.append("<h2>DAG</h2>").append(svg(graph));
    body.append("<h2>Tasks</h2><table id=\"tasks\"><thead><tr><th>Task</th><th>State</th>")
        .append("<th>Failed attempts</th><th>Time</th><th>Step</th></tr></thead><tbody>");
    for (WorkflowGraph.Task task : graph.tasks()) {
      String time =
          task.start() == null || task.end() == null
              ? "-"
              : Duration.between(task.start(), task.end()).toMillis() + " ms";
      body.append("<tr><td>")
          .append(escape(task.taskId()))
          .append("</td><td>")
          .append(task.state().name().toLowerCase())
          .append("</td><td>")
          .append(task.failedAttempts())
          .append("</td><td>")
          .append(time)
          .append("</td><td>")
          .append(escape(task.stepId()))
          .append("</td></tr>");
    }
    body.append("</tbody></table>");
    events(body, graph);
    return page(id, body.toString());
  }

  /** The external events the workflow waits for ({@code Workflow.waitForEvent}): arrived or not. */
  private static void events(StringBuilder body, WorkflowGraph graph) {
    StringBuilder rows = new StringBuilder();
    for (WorkflowGraph.Task task : graph.tasks()) {
      if (task.stepId().equals(BuiltInSteps.EVENT.id())) {
        boolean arrived = task.state() == WorkflowGraph.TaskState.COMMITTED;
        rows.append("<tr><td>")
            .append(escape(task.taskId()))
            .append("</td><td>")
            .append(arrived ? "received" : "waiting")
            .append("</td><td>")
            .append(arrived ? escape(String.valueOf(task.end())) : "-")
            .append("</td></tr>");
      }
    }
    if (rows.length() > 0) {
      body.append("<h2>Events</h2><table id=\"events\"><thead><tr><th>Task</th><th>Event</th>")
          .append("<th>Received</th></tr></thead><tbody>")
          .append(rows)
          .append("</tbody></table>");
    }
  }

  private static void row(StringBuilder body, String name, String html) {
    body.append("<tr><th>").append(name).append("</th><td>").append(html).append("</td></tr>");
  }

  private static final int WIDTH = 170;
  private static final int HEIGHT = 44;
  private static final int GAP_X = 60;
  private static final int GAP_Y = 20;

  /**
   * The DAG as SVG, left to right: a task's column is its depth (one more than its deepest input),
   * its row its place among the tasks of that depth. One {@code g.node} per task.
   */
  static String svg(WorkflowGraph graph) {
    List<WorkflowGraph.Task> tasks = graph.tasks();
    java.util.Map<String, Integer> index = new java.util.HashMap<>();
    int[] depth = new int[tasks.size()];
    int[] row = new int[tasks.size()];
    java.util.Map<Integer, Integer> perDepth = new java.util.HashMap<>();
    int maxDepth = 0;
    int maxRow = 0;
    for (int t = 0; t < tasks.size(); t++) {
      index.put(tasks.get(t).taskId(), t);
      for (String input : tasks.get(t).inputs()) {
        depth[t] = Math.max(depth[t], depth[index.get(input)] + 1);
      }
      row[t] = perDepth.merge(depth[t], 1, Integer::sum) - 1;
      maxDepth = Math.max(maxDepth, depth[t]);
      maxRow = Math.max(maxRow, row[t]);
    }
    int width = (maxDepth + 1) * (WIDTH + GAP_X);
    int height = (maxRow + 1) * (HEIGHT + GAP_Y) + GAP_Y;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg id=\"dag\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\">")
        .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\"")
        .append(" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\">")
        .append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>");
    for (int t = 0; t < tasks.size(); t++) {
      for (String input : tasks.get(t).inputs()) {
        int from = index.get(input);
        svg.append("<line class=\"edge\" x1=\"")
            .append(x(depth[from]) + WIDTH)
            .append("\" y1=\"")
            .append(y(row[from]) + HEIGHT / 2)
            .append("\" x2=\"")
            .append(x(depth[t]))
            .append("\" y2=\"")
            .append(y(row[t]) + HEIGHT / 2)
            .append("\" stroke=\"#555\" marker-end=\"url(#arrow)\"/>");
      }
    }
    for (int t = 0; t < tasks.size(); t++) {
      WorkflowGraph.Task task = tasks.get(t);
      String state = task.state().name().toLowerCase();
      svg.append("<g class=\"node\" data-task=\"")
          .append(escape(task.taskId()))
          .append("\" data-state=\"")
          .append(state)
          .append("\"><rect x=\"")
          .append(x(depth[t]))
          .append("\" y=\"")
          .append(y(row[t]))
          .append("\" width=\"")
          .append(WIDTH)
          .append("\" height=\"")
          .append(HEIGHT)
          .append("\" rx=\"8\" fill=\"")
          .append(Graphs.colour(task.state()))
          .append("\" stroke=\"#555\"/><text x=\"")
          .append(x(depth[t]) + 10)
          .append("\" y=\"")
          .append(y(row[t]) + 18)
          .append("\" font-size=\"13\">")
          .append(escape(task.taskId()))
          .append("</text><text x=\"")
          .append(x(depth[t]) + 10)
          .append("\" y=\"")
          .append(y(row[t]) + 35)
          .append("\" font-size=\"11\" fill=\"#444\">")
          .append(state)
          .append(task.failedAttempts() > 0 ? ", " + task.failedAttempts() + " failed" : "")
          .append("</text></g>");
    }
    return svg.append("</svg>").toString();
  }

  private static int x(int depth) {
    return 10 + depth * (WIDTH + GAP_X);
  }

  private static int y(int row) {
    return GAP_Y + row * (HEIGHT + GAP_Y);
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
