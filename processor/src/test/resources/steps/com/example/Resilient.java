package com.example;

import dev.waymark.Result;
import dev.waymark.annotations.Backoff;
import dev.waymark.annotations.Checkpoint;
import dev.waymark.annotations.CheckpointMode;
import dev.waymark.annotations.Resource;
import dev.waymark.annotations.Step;
import java.util.ArrayList;
import java.util.List;

/** Steps whose annotations set options: retries, waits, resources, metadata, caught failures. */
public class Resilient {
  int attempts;

  /** Every option at once; the generated options list them in a fixed order. */
  @Checkpoint(CheckpointMode.FALSE)
  @Step(
      metadata = {"owner=team-a", "query=a=b", "note="},
      resources = {@Resource(name = "license"), @Resource(name = "db.pool", amount = 2.5)},
      gpus = 0.5,
      cpus = 1,
      backoff = @Backoff(delayMillis = 100, multiplier = 2),
      retryExceptions = true,
      maxRetries = 10)
  static String fetch(String url) {
    return url;
  }

  /** Values written but equal to the defaults change nothing. */
  @Step(maxRetries = 3, cpus = 0, backoff = @Backoff(delayMillis = 0), metadata = {})
  static int same(int x) {
    return x;
  }

  @Checkpoint(CheckpointMode.FALSE)
  @Step
  static List<Integer> expand(int n) {
    List<Integer> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      values.add(i);
    }
    return values;
  }

  /** Fails twice, then succeeds: retried after a fixed wait. */
  @Step(
      maxRetries = 2,
      retryExceptions = true,
      backoff = @Backoff(delayMillis = 20, maxDelayMillis = 20))
  int flaky(int x) {
    if (++attempts < 3) {
      throw new IllegalStateException("attempt " + attempts);
    }
    return 10 * x;
  }

  @Step(catchExceptions = true)
  static int parse(String text) {
    return Integer.parseInt(text);
  }

  @Step(catchExceptions = true, maxRetries = 0)
  void audit(String line) {
    if (line.isEmpty()) {
      throw new IllegalArgumentException("empty line");
    }
  }

  /** Takes what a step that catches exceptions produces. */
  @Step
  static String describe(Result<Integer> parsed) {
    return parsed.isSuccess() ? "parsed " + parsed.value() : "failed";
  }
}
