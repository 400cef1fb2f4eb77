package dev.waymark;

import dev.waymark.annotations.CheckpointMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Options of one step call, set per call with {@link Workflow#options(StepOptions)}: only the
 * options set here change; the rest keep the values of the step's annotation. An immutable value,
 * made with a {@link #builder()} (or from another with {@link #toBuilder()}).
 *
 * <pre>{@code
 * Workflow<Integer> w =
 *     MySteps.fetch(url)
 *         .options(StepOptions.builder().maxRetries(5).retryExceptions(true).build());
 * }</pre>
 *
 * <p>The getters return null for an option that is not set.
 */
public final class StepOptions {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

  private final String taskId;
  private final Integer maxRetries;
  private final Boolean retryExceptions;
  private final RetryBackoff backoff;
  private final CheckpointMode checkpoint;
  private final Map<String, String> metadata;
  private final Double cpus;
  private final Double gpus;
  private final Map<String, Double> resources;

  private StepOptions(Builder builder) {
    this.taskId = builder.taskId;
    this.maxRetries = builder.maxRetries;
    this.retryExceptions = builder.retryExceptions;
    this.backoff = builder.backoff;
    this.checkpoint = builder.checkpoint;
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(builder.metadata));
    this.cpus = builder.cpus;
    this.gpus = builder.gpus;
    this.resources = Collections.unmodifiableMap(new LinkedHashMap<>(builder.resources));
  }

  /** A builder with no option set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, to change some of them. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.taskId = taskId;
    builder.maxRetries = maxRetries;
    builder.retryExceptions = retryExceptions;
    builder.backoff = backoff;
    builder.checkpoint = checkpoint;
    builder.metadata.putAll(metadata);
    builder.cpus = cpus;
    builder.gpus = gpus;
    builder.resources.putAll(resources);
    return builder;
  }

  /** Whether no option is set. */
  public boolean isEmpty() {
    return taskId == null
        && maxRetries == null
        && retryExceptions == null
        && backoff == null
        && checkpoint == null
        && metadata.isEmpty()
        && cpus == null
        && gpus == null
        && resources.isEmpty();
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

  /** Sets options, each checked when set; {@link #build()} makes the immutable value. */
  public static final class Builder {
    private String taskId;
    private Integer maxRetries;
    private Boolean retryExceptions;
    private RetryBackoff backoff;
    private CheckpointMode checkpoint;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private Double cpus;
    private Double gpus;
    private final Map<String, Double> resources = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The task's id, instead of the step name. Repeats still get {@code _1}, {@code _2}, ... in DAG
     * order.
     */
    public Builder taskId(String taskId) {
      if (taskId == null || !NAME.matcher(taskId).matches()) {
        throw new IllegalArgumentException(
            "invalid task id '" + taskId + "': use letters, digits, '.', '_' or '-'");
      }
      this.taskId = taskId;
      return this;
    }

    /** Retries after a failed attempt: up to {@code maxRetries + 1} attempts in all. */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries must be 0 or more, got " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /** Whether an exception thrown by the step is retried (a process crash always is). */
    public Builder retryExceptions(boolean retryExceptions) {
      this.retryExceptions = retryExceptions;
      return this;
    }

    /** The wait between attempts. */
    public Builder backoff(RetryBackoff backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /** Whether the step's output is stored; see {@link CheckpointMode}. */
    public Builder checkpoint(CheckpointMode checkpoint) {
      this.checkpoint = Objects.requireNonNull(checkpoint, "checkpoint");
      return this;
    }

    /** Adds a metadata entry (replacing one with the same key). */
    public Builder metadata(String key, String value) {
      if (key == null || key.isEmpty()) {
        throw new IllegalArgumentException("metadata key must not be empty");
      }
      metadata.put(key, Objects.requireNonNull(value, "value"));
      return this;
    }

    /** CPUs the step occupies while it runs. */
    public Builder cpus(double cpus) {
      this.cpus = amount("cpus", cpus);
      return this;
    }

    /** GPUs the step occupies while it runs. */
    public Builder gpus(double gpus) {
      this.gpus = amount("gpus", gpus);
      return this;
    }

    /** An amount of a named resource the step occupies while it runs. */
    public Builder resource(String name, double amount) {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "invalid resource name '" + name + "': use letters, digits, '.', '_' or '-'");
      }
      if (!(amount > 0) || Double.isInfinite(amount)) {
        throw new IllegalArgumentException(
            "resource '" + name + "' amount must be a finite number > 0, got " + amount);
      }
      resources.put(name, amount);
      return this;
    }

    private static double amount(String what, double amount) {
      if (!(amount >= 0) || Double.isInfinite(amount)) {
        throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + amount);
      }
      return amount;
    }

    public StepOptions build() {
      return new StepOptions(this);
    }
  }
}
