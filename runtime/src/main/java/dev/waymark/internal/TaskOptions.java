package dev.waymark.internal;

import dev.waymark.RetryBackoff;
import dev.waymark.StepOptions;
import dev.waymark.annotations.CheckpointMode;
import java.util.Map;

/**
 * A task's options with every value settled: the call's options over the step annotation's over the
 * defaults. This is what a recorded DAG keeps, so a resumed workflow runs with the options it
 * started with. Equal options share one instance in a plan.
 */
record TaskOptions(
    String taskId,
    int maxRetries,
    boolean retryExceptions,
    RetryBackoff backoff,
    CheckpointMode checkpoint,
    boolean catching,
    Map<String, String> metadata,
    double cpus,
    double gpus,
    Map<String, Double> resources) {

  static final int DEFAULT_MAX_RETRIES = 3;

  /** A fan-in's options: nothing to retry, nothing to catch. */
  static final TaskOptions FAN_IN =
      new TaskOptions(
          null,
          DEFAULT_MAX_RETRIES,
          false,
          RetryBackoff.none(),
          CheckpointMode.INHERIT,
          false,
          Map.of(),
          0,
          0,
          Map.of());

  /** No option set: what a step without options and a call without options have. */
  static final StepOptions NONE = StepOptions.builder().build();

  /** {@code top} over {@code base}: what {@code top} sets wins; maps merge key by key. */
  static StepOptions merge(StepOptions top, StepOptions base) {
    if (top.isEmpty()) {
      return base;
    }
    if (base.isEmpty()) {
      return top;
    }
    StepOptions.Builder merged = base.toBuilder();
    if (top.taskId() != null) {
      merged.taskId(top.taskId());
    }
    if (top.maxRetries() != null) {
      merged.maxRetries(top.maxRetries());
    }
    if (top.retryExceptions() != null) {
      merged.retryExceptions(top.retryExceptions());
    }
    if (top.backoff() != null) {
      merged.backoff(top.backoff());
    }
    if (top.checkpoint() != null) {
      merged.checkpoint(top.checkpoint());
    }
    if (top.cpus() != null) {
      merged.cpus(top.cpus());
    }
    if (top.gpus() != null) {
      merged.gpus(top.gpus());
    }
    top.metadata().forEach(merged::metadata);
    top.resources().forEach(merged::resource);
    return merged.build();
  }

  static TaskOptions resolve(StepOptions options, boolean catching) {
    return new TaskOptions(
        options.taskId(),
        options.maxRetries() != null ? options.maxRetries() : DEFAULT_MAX_RETRIES,
        options.retryExceptions() != null && options.retryExceptions(),
        options.backoff() != null ? options.backoff() : RetryBackoff.none(),
        options.checkpoint() != null ? options.checkpoint() : CheckpointMode.INHERIT,
        catching,
        options.metadata(),
        options.cpus() != null ? options.cpus() : 0,
        options.gpus() != null ? options.gpus() : 0,
        options.resources());
  }

  /** Whether the task occupies any resource while it runs. */
  boolean needsResources() {
    return cpus > 0 || gpus > 0 || !resources.isEmpty();
  }
}
