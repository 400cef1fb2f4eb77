package dev.waymark.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.waymark.Waymark;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The status page of a runtime, on the JDK's HTTP server, bound to the loopback address: the
 * workflows by status ({@code /}), a page per workflow with its DAG ({@code /workflow/ID}). It only
 * reads, unless it was started with changes allowed: then a workflow's page can cancel or resume it
 * (POST). It serves its one script itself and loads nothing else.
 */
public final class StatusPage implements AutoCloseable {
  private final Waymark waymark;
  private final boolean changes;
  private final HttpServer server;
  private final ExecutorService threads;

  private StatusPage(Waymark waymark, int port, boolean changes) throws IOException {
    this.waymark = waymark;
    this.changes = changes;
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    this.threads = Executors.newFixedThreadPool(2, StepThreads.factory("waymark-page-", false));
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves {@code waymark}'s page on {@code port} (0: any free one) of 127.0.0.1. */
  public static StatusPage start(Waymark waymark, int port, boolean changes) {
    try {
      return new StatusPage(waymark, port, changes);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serve the status page on port " + port + ": " + e, e);
    }
  }

  /** Where the page is. */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      try {
        if (method.equals("POST") && path.startsWith("/workflow/")) {
          change(exchange, path);
        } else if (!method.equals("GET")) {
          send(exchange, 405, "text/plain", "only GET, and POST to change a workflow");
        } else if (path.equals("/")) {
          WorkflowStatus filter = filter(exchange);
          send(exchange, 200, HTML, PageHtml.list(list(filter), filter));
        } else if (path.equals("/rows")) {
          send(exchange, 200, HTML, PageHtml.rows(list(filter(exchange))));
        } else if (path.equals("/page.js")) {
          try (InputStream script = StatusPage.class.getResourceAsStream("page.js")) {
            send(exchange, 200, "text/javascript", new String(script.readAllBytes(), UTF8));
          }
        } else if (path.startsWith("/workflow/")) {
          String id = id(path.substring("/workflow/".length()));
          send(
              exchange,
              200,
              HTML,
              PageHtml.workflow(waymark.getMetadata(id), waymark.graph(id), changes));
        } else {
          send(exchange, 404, "text/plain", "no such page");
        }
      } catch (WorkflowNotFoundException | IllegalArgumentException e) {
        send(exchange, 404, "text/plain", String.valueOf(e.getMessage()));
      } catch (RuntimeException e) {
        send(exchange, 500, "text/plain", String.valueOf(e));
      }
    }
  }

  private static final String HTML = "text/html; charset=utf-8";
  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private java.util.List<dev.waymark.WorkflowInfo> list(WorkflowStatus filter) {
    return filter == null ? waymark.list() : waymark.list(filter);
  }

  private static WorkflowStatus filter(HttpExchange exchange) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith("status=") && pair.length() > "status=".length()) {
        return WorkflowStatus.valueOf(URLDecoder.decode(pair.substring(7), UTF8));
      }
    }
    return null;
  }

  private static String id(String encoded) {
    return URLDecoder.decode(encoded, UTF8);
  }

  /** POST /workflow/ID/cancel or /resume: only when changes are allowed. */
  private void change(HttpExchange exchange, String path) throws IOException {
    if (!changes) {
      send(exchange, 403, "text/plain", "this status page is read-only");
      return;
    }
    String rest = path.substring("/workflow/".length());
    int slash = rest.lastIndexOf('/');
    String id = slash < 0 ? "" : id(rest.substring(0, slash));
    String action = slash < 0 ? "" : rest.substring(slash + 1);
    switch (action) {
      case "cancel" -> waymark.cancel(id);
      case "resume" -> waymark.resumeAsync(id);
      default -> {
        send(exchange, 404, "text/plain", "no such action");
        return;
      }
    }
    exchange.getResponseHeaders().set("Location", "/workflow/" + URLEncoder.encode(id, UTF8));
    exchange.sendResponseHeaders(303, -1);
  }

  private static void send(HttpExchange exchange, int code, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(UTF8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
