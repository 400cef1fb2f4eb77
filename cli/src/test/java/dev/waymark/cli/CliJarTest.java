package dev.waymark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.test.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar, run as a user runs it ({@code java -jar waymark.jar}), on a storage holding a
 * workflow of every status, one of them running in another process meanwhile.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliJarTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static Path storage;
  static Process holder;
  static Path holderLog;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void populate() throws Exception {
    storage = dir.resolve("storage");
    Path log = dir.resolve("populate.log");
    Process populate = ChildJvm.start(log, Fixture.class, storage.toString(), "populate");
    assertTrue(populate.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), Files.readString(log));
    assertEquals(0, populate.exitValue(), Files.readString(log));
    holderLog = dir.resolve("holder.log");
    holder = ChildJvm.start(holderLog, Fixture.class, storage.toString(), "hold");
    ChildJvm.awaitLine(holder, holderLog, "HOLDING", TIMEOUT);
  }

  @AfterAll
  static void stopHolder() throws Exception {
    if (holder != null && holder.isAlive()) {
      ChildJvm.kill(holder);
    }
  }

  /** Runs {@code java -jar target/waymark.jar --storage <storage> args}. */
  static Run cli(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(Path.of("target", "waymark.jar").toAbsolutePath().toString());
    command.add("--storage");
    command.add(storage.toString());
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    process.getOutputStream().close();
    assertTrue(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "waymark " + command);
    return new Run(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  static Run ok(String... args) throws IOException, InterruptedException {
    Run run = cli(args);
    assertEquals(0, run.exit(), "waymark " + String.join(" ", args) + ": " + run);
    return run;
  }

  @Test
  @Order(1)
  void listShowsEveryStatusTheRunningOneIncluded() throws Exception {
    String out = ok("list").out();
    assertTrue(out.startsWith("WORKFLOW"), out);
    for (String expected :
        List.of(
            "done\\s+SUCCESSFUL",
            "failed\\s+FAILED",
            "canceled\\s+CANCELED",
            "stopped\\s+RESUMABLE",
            "held\\s+RUNNING",
            "queued\\s+PENDING")) {
      assertTrue(out.lines().anyMatch(line -> line.matches(expected)), expected + " in " + out);
    }
    JsonNode failed = JSON.readTree(ok("list", "--status", "FAILED", "--json").out());
    assertEquals(1, failed.size(), failed.toString());
    assertEquals("failed", failed.get(0).get("workflowId").asText());
    assertEquals("FAILED", failed.get(0).get("status").asText());
  }

  @Test
  @Order(2)
  void showGivesEachTasksStateAttemptsAndTime() throws Exception {
    JsonNode done = JSON.readTree(ok("show", "done", "--json").out());
    assertEquals("SUCCESSFUL", done.get("status").asText());
    JsonNode tasks = done.get("tasks");
    assertEquals(2, tasks.size(), tasks.toString());
    assertEquals("greet", tasks.get(0).get("taskId").asText());
    assertEquals("COMMITTED", tasks.get(1).get("state").asText());
    assertTrue(tasks.get(1).get("durationMillis").isNumber(), tasks.toString());
    assertEquals("greet", tasks.get(1).get("inputs").get(0).asText());

    String failed = ok("show", "failed").out();
    assertTrue(failed.contains("exploded on hello bob"), failed);
    assertTrue(
        failed.lines().anyMatch(line -> line.matches("explode\\s+failed\\s+1\\s+.*")), failed);

    JsonNode held = JSON.readTree(ok("show", "held", "--json").out());
    assertEquals("RUNNING", held.get("status").asText(), "running in the holder process");
  }

  @Test
  @Order(3)
  void outputPrintsAWorkflowsOrATasksValue() throws Exception {
    assertEquals("HELLO ADA", ok("output", "done").out().strip());
    assertEquals("hello ada", ok("output", "done", "greet").out().strip());
    assertEquals("\"HELLO ADA\"", ok("output", "done", "--json").out().strip());
  }

  @Test
  @Order(4)
  void dagDrawsDotAndMermaid() throws Exception {
    String dot = ok("dag", "done").out();
    assertTrue(dot.startsWith("digraph \"done\" {"), dot);
    assertTrue(dot.contains("\"greet\" -> \"shout\";"), dot);
    String mermaid = ok("dag", "failed", "--format", "mermaid").out();
    assertTrue(mermaid.contains("t1[\"explode (failed), 1 failed\"]:::failed"), mermaid);
  }

  @Test
  @Order(4)
  void watchShowsProgressUntilTheEnd() throws Exception {
    Run done = cli("watch", "done");
    assertEquals(0, done.exit(), done.toString());
    assertTrue(
        done.out().lines().anyMatch(l -> l.startsWith("done 100%") && l.contains(" 2/2 ")),
        done.out());
    assertTrue(done.out().strip().endsWith("done SUCCESSFUL"), done.out());
    Run failed = cli("watch", "failed");
    assertEquals(1, failed.exit(), failed.toString());
    assertTrue(failed.out().lines().anyMatch(l -> l.contains(" 1/2 ")), failed.out());
    assertTrue(failed.out().strip().endsWith("failed FAILED"), failed.out());
  }

  @Test
  @Order(4)
  void dagDrawsSvgWithGraphvizOrSaysItIsMissing() throws Exception {
    Run svg = cli("dag", "done", "--format", "svg");
    boolean graphviz =
        java.util.stream.Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, "dot")));
    if (graphviz) {
      assertEquals(0, svg.exit(), svg.toString());
      assertTrue(svg.out().contains("<svg"), svg.out());
      assertTrue(svg.out().contains(">greet (committed)</text>"), svg.out());
    } else {
      assertEquals(1, svg.exit(), svg.toString());
      assertTrue(svg.err().contains("needs Graphviz's dot on the PATH"), svg.err());
    }
  }

  @Test
  @Order(5)
  void mistakesAreOneLineAndExitOne() throws Exception {
    Run missing = cli("show", "nothing");
    assertEquals(1, missing.exit(), missing.toString());
    assertTrue(missing.err().startsWith("waymark: "), missing.err());
    assertTrue(missing.err().contains("nothing"), missing.err());
    assertEquals(1, missing.err().strip().lines().count(), missing.err());
    Run usage = cli("list", "--status", "GONE");
    assertEquals(2, usage.exit(), usage.toString());
  }

  @Test
  @Order(6)
  void cancelReachesTheWorkflowAnotherProcessRuns() throws Exception {
    assertEquals("held CANCELED", ok("cancel", "held").out().strip());
    assertEquals(
        "held ended: WorkflowCancelledException",
        ChildJvm.awaitLine(holder, holderLog, "held ended:", TIMEOUT));
  }

  @Test
  @Order(7)
  void resumeRunsTheRestWithTheUsersClasses() throws Exception {
    String classes = Path.of("target", "test-classes").toAbsolutePath().toString();
    Run withoutClasses = cli("resume", "stopped");
    assertEquals(1, withoutClasses.exit(), withoutClasses.toString());
    String resumable = ok("list", "--status", "RESUMABLE").out();
    assertTrue(resumable.lines().anyMatch(l -> l.matches("stopped\\s+RESUMABLE")), resumable);
    assertEquals(
        "stopped SUCCESSFUL woke", ok("--class-path", classes, "resume", "stopped").out().strip());
  }

  @Test
  @Order(8)
  void serveShowsTheStoragesPageUntilStopped() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-jar", Path.of("target", "waymark.jar").toAbsolutePath().toString()));
    command.addAll(List.of("--storage", storage.toString(), "serve", "--port", "0"));
    Path log = dir.resolve("serve.log");
    Process serve =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      String line = ChildJvm.awaitLine(serve, log, "serving http://127.0.0.1:", TIMEOUT);
      java.net.URI page = java.net.URI.create(line.split(" ")[1]);
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      String list =
          http.send(
                  java.net.http.HttpRequest.newBuilder(page).build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString())
              .body();
      assertTrue(list.contains("<tr data-workflow=\"failed\">"), list);
      assertTrue(list.contains("<tr data-workflow=\"stopped\">"), list);
    } finally {
      serve.destroy(); // SIGTERM: it closes the runtime and exits
      assertTrue(serve.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }
  }

  @Test
  @Order(9)
  void deleteRemovesAWorkflow() throws Exception {
    assertEquals("done deleted", ok("delete", "done").out().strip());
    String out = ok("list").out();
    assertTrue(out.lines().noneMatch(line -> line.startsWith("done ")), out);
  }
}
