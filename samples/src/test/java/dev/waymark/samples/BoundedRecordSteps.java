package dev.waymark.samples;

import dev.waymark.annotations.Step;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Records whose components are arrays, collections and maps, and a record without components, let
 * into checkpoints by steps so that the processor writes and registers their serializers.
 */
public final class BoundedRecordSteps {
  private BoundedRecordSteps() {}

  public record Sample(
      int[] values, List<String> names, Map<String, Integer> counts, Empty[] empties) {}

  /** Its generated serializer writes nothing at all. */
  public record Empty() {}

  @Step
  static int size(Sample sample) {
    return sample.values().length + sample.names().size() + sample.counts().size();
  }

  @Step
  static List<Empty> empties(int n) {
    return Collections.nCopies(n, new Empty());
  }
}
