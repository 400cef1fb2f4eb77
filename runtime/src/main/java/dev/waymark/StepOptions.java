package dev.waymark;

import dev.waymark.annotations.CheckpointMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Options of one step call, set per call with {@link Workflow#options(StepOptions)}. Only the
 * options set here change; the rest keep the values of the step's annotation. Immutable: every
 * setter returns a new instance.
 *
 * <pre>{@code
 * import static dev.waymark.StepOptions.options;
 *
 * Workflow<Integer> w = MySteps.fetch(url).options(options().maxRetries(5).retryExceptions(true));
 * }</pre>
 *
 * <p>The getters return null for an option that is not set.
 */
public final class StepOptions {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
  private static final StepOptions NONE =
      new StepOptions(null, null, null, null, null, Map.of(), null, null, Map.of());

  private final String taskId;
  private final Integer maxRetries;
  private final Boolean retryExceptions;
  private final RetryBackoff backoff;
  private final CheckpointMode checkpoint;
  private final Map<String, String> metadata;
  private final Double cpus;
  private final Double gpus;
  private final Map<String, Double> resources;

  private StepOptions(
      String taskId,
      Integer maxRetries,
      Boolean retryExceptions,
      RetryBackoff backoff,
      CheckpointMode checkpoint,
      Map<String, String> metadata,
      Double cpus,
      Double gpus,
      Map<String, Double> resources) {
    this.taskId = taskId;
    this.maxRetries = maxRetries;
    this.retryExceptions = retryExceptions;
    this.backoff = backoff;
    this.checkpoint = checkpoint;
    this.metadata = metadata;
    this.cpus = cpus;
    this.gpus = gpus;
    this.resources = resources;
  }

  /** No options set. */
  public static StepOptions options() {
    return NONE;
  }

  /**
   * The task's id, instead of the step name. Repeats still get {@code _1}, {@code _2}, ... in DAG
   * order.
   */
  public StepOptions taskId(String taskId) {
    if (taskId == null || !NAME.matcher(taskId).matches()) {
      throw new IllegalArgumentException(
          "invalid task id '" + taskId + "': use letters, digits, '.', '_' or '-'");
    }
    return new StepOptions(
        taskId, maxRetries, retryExceptions, backoff, checkpoint, metadata, cpus, gpus, resources);
  }

  /** Retries after a failed attempt: up to {@code maxRetries + 1} attempts in all. */
  public StepOptions maxRetries(int maxRetries) {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be 0 or more, got " + maxRetries);
    }
    return new StepOptions(
        taskId, maxRetries, retryExceptions, backoff, checkpoint, metadata, cpus, gpus, resources);
  }

  /** Whether an exception thrown by the step is retried (a process crash always is). */
  public StepOptions retryExceptions(boolean retryExceptions) {
    return new StepOptions(
        taskId, maxRetries, retryExceptions, backoff, checkpoint, metadata, cpus, gpus, resources);
  }

  /** The wait between attempts. */
  public StepOptions backoff(RetryBackoff backoff) {
    Objects.requireNonNull(backoff, "backoff");
    return new StepOptions(
        taskId, maxRetries, retryExceptions, backoff, checkpoint, metadata, cpus, gpus, resources);
  }

  /** Whether the step's output is stored; see {@link CheckpointMode}. */
  public StepOptions checkpoint(CheckpointMode checkpoint) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    return new StepOptions(
        taskId, maxRetries, retryExceptions, backoff, checkpoint, metadata, cpus, gpus, resources);
  }

  /** Adds a metadata entry (replacing one with the same key). */
  public StepOptions metadata(String key, String value) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("metadata key must not be empty");
    }
    Objects.requireNonNull(value, "value");
    Map<String, String> copy = new LinkedHashMap<>(metadata);
    copy.put(key, value);
    return new StepOptions(
        taskId,
        maxRetries,
        retryExceptions,
        backoff,
        checkpoint,
        Collections.unmodifiableMap(copy),
        cpus,
        gpus,
        resources);
  }

  /** CPUs the step occupies while it runs. */
  public StepOptions cpus(double cpus) {
    return new StepOptions(
        taskId,
        maxRetries,
        retryExceptions,
        backoff,
        checkpoint,
        metadata,
        amount("cpus", cpus),
        gpus,
        resources);
  }

  /** GPUs the step occupies while it runs. */
  public StepOptions gpus(double gpus) {
    return new StepOptions(
        taskId,
        maxRetries,
        retryExceptions,
        backoff,
        checkpoint,
        metadata,
        cpus,
        amount("gpus", gpus),
        resources);
  }

  /** An amount of a named resource the step occupies while it runs. */
  public StepOptions resource(String name, double amount) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid resource name '" + name + "': use letters, digits, '.', '_' or '-'");
    }
    if (!(amount > 0) || Double.isInfinite(amount)) {
      throw new IllegalArgumentException(
          "resource '" + name + "' amount must be a finite number > 0, got " + amount);
    }
    Map<String, Double> copy = new LinkedHashMap<>(resources);
    copy.put(name, amount);
    return new StepOptions(
        taskId,
        maxRetries,
        retryExceptions,
        backoff,
        checkpoint,
        metadata,
        cpus,
        gpus,
        Collections.unmodifiableMap(copy));
  }

  private static double amount(String what, double amount) {
    if (!(amount >= 0) || Double.isInfinite(amount)) {
      throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + amount);
    }
    return amount;
  }

  /** These options over {@code base}: what is set here wins; maps merge key by key. */
  public StepOptions over(StepOptions base) {
    if (this == NONE) {
      return base;
    }
    if (base == NONE) {
      return this;
    }
    Map<String, String> mergedMetadata = new LinkedHashMap<>(base.metadata);
    mergedMetadata.putAll(metadata);
    Map<String, Double> mergedResources = new LinkedHashMap<>(base.resources);
    mergedResources.putAll(resources);
    return new StepOptions(
        taskId != null ? taskId : base.taskId,
        maxRetries != null ? maxRetries : base.maxRetries,
        retryExceptions != null ? retryExceptions : base.retryExceptions,
        backoff != null ? backoff : base.backoff,
        checkpoint != null ? checkpoint : base.checkpoint,
        Collections.unmodifiableMap(mergedMetadata),
        cpus != null ? cpus : base.cpus,
        gpus != null ? gpus : base.gpus,
        Collections.unmodifiableMap(mergedResources));
  }

  public String taskId() {
    return taskId;
  }

  public Integer maxRetries() {
    return maxRetries;
  }

  public Boolean retryExceptions() {
    return retryExceptions;
  }

  public RetryBackoff backoff() {
    return backoff;
  }

  public CheckpointMode checkpoint() {
    return checkpoint;
  }

  /** The metadata entries (empty when none). */
  public Map<String, String> metadata() {
    return metadata;
  }

  public Double cpus() {
    return cpus;
  }

  public Double gpus() {
    return gpus;
  }

  /** The named resources (empty when none). */
  public Map<String, Double> resources() {
    return resources;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StepOptions other
        && Objects.equals(taskId, other.taskId)
        && Objects.equals(maxRetries, other.maxRetries)
        && Objects.equals(retryExceptions, other.retryExceptions)
        && Objects.equals(backoff, other.backoff)
        && checkpoint == other.checkpoint
        && metadata.equals(other.metadata)
        && Objects.equals(cpus, other.cpus)
        && Objects.equals(gpus, other.gpus)
        && resources.equals(other.resources);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        taskId, maxRetries, retryExceptions, backoff, checkpoint, metadata, cpus, gpus, resources);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("StepOptions[");
    append(s, "taskId", taskId);
    append(s, "maxRetries", maxRetries);
    append(s, "retryExceptions", retryExceptions);
    append(s, "backoff", backoff);
    append(s, "checkpoint", checkpoint);
    append(s, "metadata", metadata.isEmpty() ? null : metadata);
    append(s, "cpus", cpus);
    append(s, "gpus", gpus);
    append(s, "resources", resources.isEmpty() ? null : resources);
    return s.append(']').toString();
  }

  private static void append(StringBuilder s, String name, Object value) {
    if (value != null) {
      s.append(s.charAt(s.length() - 1) == '[' ? "" : ", ").append(name).append('=').append(value);
    }
  }
}
