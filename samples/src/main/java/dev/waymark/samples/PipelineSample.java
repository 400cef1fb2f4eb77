package dev.waymark.samples;

import dev.waymark.Durability;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import java.nio.file.Path;
import java.util.List;

/** Runs the pipeline and the arithmetic samples and prints their results. */
public final class PipelineSample {
  private PipelineSample() {}

  /** The pipeline: read_data(10) -> preprocessing -> aggregate, which is 285. */
  static Workflow<Integer> pipeline(int num) {
    Workflow<List<Integer>> data = PipelineSteps.readData(num);
    Workflow<List<Integer>> squares = PipelineSteps.preprocessing(data);
    return PipelineSteps.aggregate(squares);
  }

  /** {@code add(getVal(), 20)}, which is 30: a workflow input mixed with a constant. */
  static Workflow<Integer> addition() {
    return ArithmeticSteps.add(ArithmeticSteps.getVal(), Workflow.of(20));
  }

  /** The pipeline with every commit forced to the device: its outputs survive a power loss. */
  static int durablePipeline(Path storage) {
    try (Waymark waymark =
        Waymark.builder().storage(storage).durability(Durability.POWER_LOSS).build()) {
      return waymark.run(pipeline(10), "durable-report");
    }
  }

  public static void main(String[] args) {
    Waymark waymark = Waymark.shared();
    System.out.println("pipeline(10) = " + waymark.run(pipeline(10)));
    System.out.println("add(getVal(), 20) = " + waymark.run(addition()));
  }
}
