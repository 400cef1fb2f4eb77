package dev.waymark.processor.model;

import dev.waymark.annotations.CheckpointMode;
import java.util.List;
import java.util.Optional;

/**
 * The options of a step's annotations that differ from their defaults, each empty (or an empty
 * list) when the user left it alone, so that generated code states only what the user changed.
 *
 * @param maxRetries {@code @Step(maxRetries)}
 * @param retryExceptions {@code @Step(retryExceptions)}
 * @param backoff {@code @Step(backoff)}, present when any of its values differs from the default
 * @param checkpoint {@code @Checkpoint}'s value, present whenever the method has one
 * @param cpus {@code @Step(cpus)}
 * @param gpus {@code @Step(gpus)}
 * @param resources {@code @Step(resources)}, in declaration order
 * @param metadata {@code @Step(metadata)}, split into key and value, in declaration order
 */
public record StepOptionsModel(
    Optional<Integer> maxRetries,
    Optional<Boolean> retryExceptions,
    Optional<BackoffModel> backoff,
    Optional<CheckpointMode> checkpoint,
    Optional<Double> cpus,
    Optional<Double> gpus,
    List<ResourceModel> resources,
    List<MetadataEntry> metadata) {

  /** A step that changes no option. */
  public static final StepOptionsModel NONE =
      new StepOptionsModel(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          List.of(),
          List.of());

  public StepOptionsModel {
    resources = List.copyOf(resources);
    metadata = List.copyOf(metadata);
  }

  /** Whether no option differs from its default. */
  public boolean isEmpty() {
    return equals(NONE);
  }

  /**
   * A valid {@code @Backoff}: {@code 0 <= delayMillis <= maxDelayMillis}, a finite multiplier of at
   * least 1.
   */
  public record BackoffModel(long delayMillis, double multiplier, long maxDelayMillis) {}

  /** A valid {@code @Resource}: a name of letters, digits, '.', '_' or '-', a finite amount > 0. */
  public record ResourceModel(String name, double amount) {}

  /** One {@code "key=value"} metadata entry, split at its first '='; the key is not empty. */
  public record MetadataEntry(String key, String value) {}
}
