package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.WorkflowStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status page over HTTP: the list, a workflow's page with its DAG, and what it may change. */
class StatusPageTest {
  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(URI page, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(page.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(URI page, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(page.resolve(path))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  @Test
  void theListAndAWorkflowsPageShowStatusesAndTheDag() throws Exception {
    try (Waymark waymark = Waymark.builder().storage(dir).statusPage(0, false).build()) {
      URI page = waymark.statusPage();
      assertEquals("127.0.0.1", page.getHost());
      waymark.run(
          TestSteps.add(TestSteps.inc(Workflow.of(1)), TestSteps.inc(Workflow.of(2))), "done");
      assertThrows(Exception.class, () -> waymark.run(TestSteps.fail(Workflow.of(3)), "bad"));

      String list = get(page, "/").body();
      assertTrue(list.contains("<tr data-workflow=\"done\">"), list);
      assertTrue(list.contains("class=\"status SUCCESSFUL\">SUCCESSFUL"), list);
      assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", PageHtml.escape("<a href=\"x\">&'"));
      String failed = get(page, "/rows?status=FAILED").body();
      assertEquals(1, count(failed, "<tr "), failed);
      assertTrue(failed.contains("<a href=\"/workflow/bad\">bad</a>"), failed);

      HttpResponse<String> done = get(page, "/workflow/done");
      assertEquals(200, done.statusCode());
      assertEquals(3, count(done.body(), "<g class=\"node\""), done.body());
      assertEquals(2, count(done.body(), "<line class=\"edge\""), done.body());
      assertTrue(done.body().contains("data-task=\"add\" data-state=\"committed\""), done.body());
      assertFalse(done.body().contains("id=\"cancel\""), "read-only: no buttons");
      String bad = get(page, "/workflow/bad").body();
      assertTrue(bad.contains("<pre id=\"error\">"), bad);
      assertTrue(bad.contains("boom 3"), bad);

      assertEquals(404, get(page, "/workflow/nothing").statusCode());
      assertEquals(403, post(page, "/workflow/done/cancel").statusCode());
      assertTrue(get(page, "/page.js").body().contains("setInterval"));
    }
  }

  @Test
  void changesAllowedCancelAWorkflow() throws Exception {
    try (Waymark waymark = Waymark.builder().storage(dir).statusPage(0, true).build()) {
      URI page = waymark.statusPage();
      waymark.runAsync(Workflow.sleep(Duration.ofHours(1)), "nap");
      while (waymark.getStatus("nap") != WorkflowStatus.RUNNING) {
        Thread.sleep(1);
      }
      assertTrue(get(page, "/workflow/nap").body().contains("id=\"cancel\""));
      assertEquals(303, post(page, "/workflow/nap/cancel").statusCode());
      assertEquals(WorkflowStatus.CANCELED, waymark.getStatus("nap"));
    }
  }

  @Test
  void aWorkflowsPageListsTheEventsItWaitsFor() throws Exception {
    try (Waymark waymark = Waymark.builder().storage(dir).statusPage(0, false).build()) {
      URI page = waymark.statusPage();
      waymark.runAsync(
          TestSteps.add(
              Workflow.waitForEvent("first", Integer.class),
              Workflow.waitForEvent("second", Integer.class)),
          "waits");
      waymark.sendEvent("waits", "first", 1);
      String body = "";
      for (int i = 0; i < 3_000 && !body.contains("<td>received</td>"); i++) {
        body = get(page, "/workflow/waits").body();
        Thread.sleep(10);
      }
      assertTrue(body.contains("<table id=\"events\">"), body);
      assertEquals(1, count(body, "<td>received</td>"), body);
      assertEquals(1, count(body, "<td>waiting</td>"), body);
    }
  }

  @Test
  void noPageUnlessAsked() {
    try (Waymark waymark = Waymark.open(dir)) {
      assertNull(waymark.statusPage());
    }
  }
}
