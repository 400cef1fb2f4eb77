package dev.waymark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.test.ChildJvm;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The status page in a real headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}): the list of a storage's workflows with their statuses, its filter and its
 * refresh, and a workflow's page with its DAG drawn as SVG. Screenshots go to {@code target/}.
 * Without Chromium the test is skipped, unless {@code -Dwaymark.browser.required=true} (as in CI).
 */
class StatusPageBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void theListAndAWorkflowsDagInChromium() throws Exception {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    if (Boolean.getBoolean("waymark.browser.required")) {
      assertTrue(installed, "install Debian's chromium and chromium-driver");
    }
    Assumptions.assumeTrue(
        installed, "Chromium is not installed: apt install chromium chromium-driver");

    Path storage = dir.resolve("storage");
    Path log = dir.resolve("populate.log");
    Process populate = ChildJvm.start(log, Fixture.class, storage.toString(), "populate");
    assertTrue(populate.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), Files.readString(log));
    assertEquals(0, populate.exitValue(), Files.readString(log));

    try (Waymark waymark = Waymark.builder().storage(storage).statusPage(0, false).build()) {
      waymark.runAsync(Workflow.sleep(Duration.ofHours(1)), "live");
      String page = waymark.statusPage().toString();
      WebDriver browser = chromium();
      try {
        browser.get(page);
        Map<String, String> statuses = statuses(browser);
        assertEquals("SUCCESSFUL", statuses.get("done"), statuses.toString());
        assertEquals("FAILED", statuses.get("failed"), statuses.toString());
        assertEquals("CANCELED", statuses.get("canceled"), statuses.toString());
        assertEquals("RESUMABLE", statuses.get("stopped"), statuses.toString());
        assertEquals("RUNNING", statuses.get("live"), statuses.toString());
        save(browser, "status-page.png");

        // It refreshes itself: a workflow that ends after the page loaded shows up.
        waymark.run(Fixture.greeting("eve"), "late");
        await(() -> "SUCCESSFUL".equals(statuses(browser).get("late")), "the late workflow");

        // Everything it loaded came from itself.
        @SuppressWarnings("unchecked")
        List<String> loaded =
            (List<String>)
                ((JavascriptExecutor) browser)
                    .executeScript(
                        "return performance.getEntriesByType('resource').map(e => e.name);");
        for (String url : loaded) {
          assertTrue(url.startsWith(page), url + " is not the page's own");
        }

        // The filter.
        browser.findElement(By.xpath("//select[@id='status']/option[text()='FAILED']")).click();
        await(() -> browser.getCurrentUrl().contains("status=FAILED"), "the filtered list");
        assertEquals(Map.of("failed", "FAILED"), statuses(browser));

        // A workflow's page: its DAG, one SVG node per task, coloured by state.
        browser.findElement(By.linkText("failed")).click();
        await(() -> !browser.findElements(By.id("dag")).isEmpty(), "the workflow's page");
        List<WebElement> nodes = browser.findElements(By.cssSelector("svg#dag g.node"));
        assertEquals(2, nodes.size());
        assertEquals("committed", nodes.get(0).getAttribute("data-state"));
        assertEquals("failed", nodes.get(1).getAttribute("data-state"));
        assertTrue(browser.findElement(By.id("error")).getText().contains("exploded on hello bob"));
        save(browser, "status-page-workflow.png");
      } finally {
        browser.quit();
      }
    }
  }

  private WebDriver chromium() throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1200,800",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium")));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(DRIVER.toString()))
            .build();
    return new ChromeDriver(service, options);
  }

  private static Map<String, String> statuses(WebDriver browser) {
    Map<String, String> statuses = new HashMap<>();
    for (WebElement row : browser.findElements(By.cssSelector("#workflows tbody tr"))) {
      statuses.put(
          row.getAttribute("data-workflow"), row.findElement(By.className("status")).getText());
    }
    return statuses;
  }

  private static void await(Supplier<Boolean> condition, String what) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      try {
        if (condition.get()) {
          return;
        }
      } catch (org.openqa.selenium.StaleElementReferenceException refreshed) {
        // the list was replaced while it was read: read it again
      }
      assertTrue(System.nanoTime() < deadline, "no " + what + " after " + TIMEOUT);
      Thread.sleep(100);
    }
  }

  private static void save(WebDriver browser, String name) throws Exception {
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(Path.of("target", name), png);
  }
}
