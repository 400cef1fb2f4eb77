package dev.waymark.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.exceptions.WorkflowStoppedException;
import dev.waymark.test.TestWaymark;
import dev.waymark.test.WaymarkExtension;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The spans of a workflow with a retry, one with a crash and a resume, and one canceled. */
class WaymarkTracingTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();

  @RegisterExtension
  final WaymarkExtension waymark =
      new WaymarkExtension()
          .settings(b -> b.listener(new WaymarkTracing(provider.get("dev.waymark"))));

  private List<SpanData> steps(String taskId) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals("waymark.step"))
        .filter(s -> taskId.equals(s.getAttributes().get(WaymarkTracing.TASK)))
        .toList();
  }

  private List<SpanData> runs() {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals("waymark.workflow"))
        .toList();
  }

  @Test
  void aRetryIsAFailedAttemptSpanThenASuccessfulOne(TestWaymark kit) {
    Shop.OUTAGES.set(1);
    kit.advanceUntilDone(kit.waymark().runAsync(Shop.order("o-1"), "o-1"), Duration.ofMinutes(1));
    List<SpanData> runs = runs();
    assertEquals(1, runs.size(), runs.toString());
    SpanData run = runs.get(0);
    assertEquals("successful", run.getAttributes().get(WaymarkTracing.STATUS));
    List<SpanData> pay = steps("pay");
    assertEquals(2, pay.size(), pay.toString());
    assertEquals(StatusCode.ERROR, pay.get(0).getStatus().getStatusCode());
    assertEquals(1L, pay.get(0).getAttributes().get(WaymarkTracing.ATTEMPT));
    assertEquals("exception", pay.get(0).getEvents().get(0).getName());
    assertEquals(2L, pay.get(1).getAttributes().get(WaymarkTracing.ATTEMPT));
    assertEquals(StatusCode.UNSET, pay.get(1).getStatus().getStatusCode());
    for (SpanData step : exporter.getFinishedSpanItems()) {
      if (step != run) {
        assertEquals(run.getSpanId(), step.getParentSpanId(), step.toString());
        assertEquals(run.getTraceId(), step.getTraceId());
      }
    }
    // the minute's backoff is in the spans' times, by the test's clock
    assertTrue(
        pay.get(1).getStartEpochNanos() - pay.get(0).getEndEpochNanos() >= 60_000_000_000L,
        pay.toString());
  }

  @Test
  void aResumeMakesNoSpanForWhatWasRestored(TestWaymark kit) {
    kit.crashAfterCommit("pay");
    assertThrows(WorkflowStoppedException.class, () -> kit.waymark().run(Shop.order("o-2"), "o-2"));
    assertEquals(List.of(), runs(), "the crashed run never ended");
    Waymark restarted = kit.restart();
    assertEquals("o-2 picked, paid, packed", restarted.resume("o-2"));
    List<SpanData> runs = runs();
    assertEquals(1, runs.size(), runs.toString());
    assertEquals(true, runs.get(0).getAttributes().get(WaymarkTracing.RESUMED));
    assertEquals(
        List.of("pay"), // the output pack reads; pick's is not read again, so not restored
        runs.get(0).getEvents().stream()
            .map(e -> e.getAttributes().get(WaymarkTracing.TASK))
            .toList());
    assertEquals(1, steps("pay").size(), "pay ran once: one span");
    assertEquals(1, steps("pick").size());
    assertEquals(1, steps("pack").size());
    assertEquals(runs.get(0).getSpanId(), steps("pack").get(0).getParentSpanId());
  }

  @Test
  void aCancelEndsTheRunSpan(TestWaymark kit) throws Exception {
    CompletableFuture<java.time.Instant> nap = kit.waymark().runAsync(Shop.nap(), "nap");
    kit.awaitSleeping("nap", "sleep", TIMEOUT);
    kit.waymark().cancel("nap");
    assertThrows(Exception.class, nap::join);
    List<SpanData> runs = runs();
    assertEquals(1, runs.size(), runs.toString());
    assertEquals("canceled", runs.get(0).getAttributes().get(WaymarkTracing.STATUS));
    assertEquals(List.of(), steps("sleep"), "the sleep never committed");
  }
}
