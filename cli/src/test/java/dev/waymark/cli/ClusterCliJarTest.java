package dev.waymark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.waymark.test.ChildJvm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar with {@code --cluster}: it joins a cluster (one member, in another JVM, which holds
 * a finished workflow and a running one) as an observer and lists, shows and reads the cluster's
 * workflows, none of which is in a storage it could open; its status page shows them too.
 */
class ClusterCliJarTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final int PORT = 5871;

  private static final String NAME = "cli-" + UUID.randomUUID();

  @TempDir static Path dir;
  private static Process member;

  /** The cluster's one member, in another JVM, for every test. */
  @BeforeAll
  static void startMember() throws Exception {
    Path log = dir.resolve("member.log");
    member =
        ChildJvm.start(
            log,
            List.of("-Dorg.slf4j.simpleLogger.log.com.hazelcast=warn"),
            Fixture.class,
            dir.resolve("member").toString(),
            "cluster",
            NAME,
            Integer.toString(PORT));
    ChildJvm.awaitLine(member, log, "MEMBER-UP", TIMEOUT);
  }

  @AfterAll
  static void stop() throws Exception {
    if (member != null && member.isAlive()) {
      ChildJvm.kill(member);
    }
  }

  @Test
  void anObserverListsShowsAndReadsTheClustersWorkflows() throws Exception {
    String list = cli(NAME, "list");
    assertTrue(list.lines().anyMatch(line -> line.matches("done\\s+SUCCESSFUL")), list);
    assertTrue(list.lines().anyMatch(line -> line.matches("held\\s+RUNNING")), list);
    JsonNode done = new ObjectMapper().readTree(cli(NAME, "show", "done", "--json"));
    assertEquals("SUCCESSFUL", done.get("status").asText());
    assertEquals(2, done.get("tasks").size(), done.toString());
    assertEquals("HELLO ADA", cli(NAME, "output", "done").strip());
    assertEquals("hello ada", cli(NAME, "output", "done", "greet").strip());
  }

  @Test
  void theStatusPageOfAnObserverShowsTheClustersWorkflows() throws Exception {
    Path out = dir.resolve("serve.txt");
    List<String> command = command(NAME, "serve", "--port", "0");
    Process serve =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      String line = ChildJvm.awaitLine(serve, out, "serving ", TIMEOUT);
      String page = line.substring(line.indexOf("http"), line.indexOf(" (Ctrl-C"));
      String rows = get(URI.create(page).resolve("/rows"));
      assertTrue(rows.contains("done") && rows.contains("SUCCESSFUL"), rows);
      assertTrue(rows.contains("held") && rows.contains("RUNNING"), rows);
      String done = get(URI.create(page).resolve("/workflow/done"));
      assertTrue(done.contains("greet") && done.contains("shout"), done);
    } finally {
      ChildJvm.kill(serve);
    }
  }

  private static String get(URI uri) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), uri + ": " + response.body());
    return response.body();
  }

  /** Runs {@code java -jar target/waymark.jar --cluster NAME --members ... args}: its output. */
  private String cli(String name, String... args) throws Exception {
    List<String> command = command(name, args);
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertTrue(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "waymark " + command);
    String output = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(
        0,
        process.exitValue(),
        "waymark " + String.join(" ", args) + ": " + output + Files.readString(err));
    return output;
  }

  private static List<String> command(String name, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dorg.slf4j.simpleLogger.log.com.hazelcast=warn");
    command.add("-jar");
    command.add(Path.of("target", "waymark.jar").toAbsolutePath().toString());
    command.addAll(
        List.of(
            "--cluster",
            name,
            "--members",
            "127.0.0.1:" + PORT,
            "--listen",
            "127.0.0.1:" + (PORT + 4)));
    command.addAll(List.of(args));
    return command;
  }
}
