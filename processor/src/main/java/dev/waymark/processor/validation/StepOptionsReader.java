package dev.waymark.processor.validation;

import dev.waymark.annotations.CheckpointMode;
import dev.waymark.processor.model.StepOptionsModel;
import dev.waymark.processor.model.StepOptionsModel.BackoffModel;
import dev.waymark.processor.model.StepOptionsModel.MetadataEntry;
import dev.waymark.processor.model.StepOptionsModel.ResourceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;

/**
 * Reads the options of a step's {@code @Step} and {@code @Checkpoint} into a {@link
 * StepOptionsModel}, keeping only the values that differ from the annotation's declared defaults.
 * The rules have checked the values already.
 */
final class StepOptionsReader {
  private StepOptionsReader() {}

  static StepOptionsModel read(StepMethod step) {
    AnnotationValues values = AnnotationValues.of(step.annotation());
    AnnotationValues defaults = values.defaults();
    return new StepOptionsModel(
        changed(values.intValue("maxRetries"), defaults.intValue("maxRetries")),
        changed(values.booleanValue("retryExceptions"), defaults.booleanValue("retryExceptions")),
        changed(backoff(values.annotation("backoff")), backoff(defaults.annotation("backoff"))),
        // Any @Checkpoint counts, even INHERIT (what no annotation means): the user wrote it.
        step.checkpoint()
            .flatMap(checkpoint -> AnnotationValues.of(checkpoint).enumConstant("value"))
            .map(CheckpointMode::valueOf),
        changedAmount(values.doubleValue("cpus"), defaults.doubleValue("cpus")),
        changedAmount(values.doubleValue("gpus"), defaults.doubleValue("gpus")),
        resources(values),
        metadata(values));
  }

  /** Whether the step's failure is caught into a {@code Result}. */
  static boolean catchExceptions(StepMethod step) {
    return AnnotationValues.of(step.annotation()).booleanValue("catchExceptions");
  }

  private static BackoffModel backoff(AnnotationValues backoff) {
    return new BackoffModel(
        backoff.longValue("delayMillis"),
        backoff.doubleValue("multiplier"),
        backoff.longValue("maxDelayMillis"));
  }

  private static List<ResourceModel> resources(AnnotationValues values) {
    List<ResourceModel> resources = new ArrayList<>();
    for (AnnotationValue element : values.list("resources")) {
      if (element.getValue() instanceof AnnotationMirror mirror) {
        AnnotationValues resource = AnnotationValues.of(mirror);
        resource
            .string("name")
            .ifPresent(
                name -> resources.add(new ResourceModel(name, resource.doubleValue("amount"))));
      }
    }
    return resources;
  }

  private static List<MetadataEntry> metadata(AnnotationValues values) {
    List<MetadataEntry> metadata = new ArrayList<>();
    for (AnnotationValue element : values.list("metadata")) {
      if (element.getValue() instanceof String entry) {
        metadata.add(new MetadataEntry(MetadataRule.key(entry), MetadataRule.value(entry)));
      }
    }
    return metadata;
  }

  private static <T> Optional<T> changed(T value, T defaultValue) {
    return value.equals(defaultValue) ? Optional.empty() : Optional.of(value);
  }

  private static Optional<Double> changedAmount(double value, double defaultValue) {
    // == rather than equals: -0.0 is no change from 0.
    return value == defaultValue ? Optional.empty() : Optional.of(value);
  }
}
