package dev.waymark.torture;

import dev.waymark.RetryBackoff;
import dev.waymark.StepOptions;
import dev.waymark.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@link Workflow} of a {@link Shape}: each node once, so shared inputs fan out. */
public final class Workflows {
  private Workflows() {}

  /** The whole workflow of {@code shape}. */
  public static Workflow<Long> of(Shape shape) {
    return build(shape, shape.root());
  }

  /** The DAG that ends in node {@code output} (for a continuation: the DAG it returns). */
  static Workflow<Long> build(Shape shape, String output) {
    return new Builder(shape).build(output);
  }

  /** The per-call options of a node: always its task id, then what the shape chose. */
  static StepOptions optionsOf(Shape.Node node) {
    StepOptions.Builder options = StepOptions.builder().taskId(node.id());
    if (node.maxRetriesPerCall()) {
      options.maxRetries(node.maxRetries());
    }
    if (node.checkpoint() != null) {
      options.checkpoint(node.checkpoint());
    }
    if (node.backoffMillis() > 0) {
      options.backoff(RetryBackoff.fixed(Duration.ofMillis(node.backoffMillis())));
    }
    return options.build();
  }

  private static final class Builder {
    private final Shape shape;
    private final Workflow<Long> seed;
    private final Map<String, Workflow<Long>> built = new HashMap<>();

    Builder(Shape shape) {
      this.shape = shape;
      this.seed = Workflow.of(shape.seed());
    }

    Workflow<Long> build(String id) {
      Workflow<Long> done = built.get(id);
      if (done != null) {
        return done;
      }
      Shape.Node node = shape.node(id);
      Workflow<String> name = Workflow.of(id);
      Workflow<Long> workflow =
          switch (node.kind()) {
            case CONST -> Workflow.of(node.value());
            case LEAF -> TortureSteps.leaf(seed, name);
            case MIX -> TortureSteps.mix(seed, name, input(node, 0));
            case UNSTORED -> TortureSteps.unstored(seed, name, input(node, 0));
            case FLAKY -> TortureSteps.flaky(seed, name, input(node, 0));
            case LOOP -> TortureSteps.loop(seed, name, input(node, 0));
            case EXPAND -> TortureSteps.expand(seed, name, input(node, 0));
            case COMBINE -> {
              List<Workflow<Long>> parts = new ArrayList<>();
              for (int i = 0; i < node.inputs().size(); i++) {
                parts.add(input(node, i));
              }
              yield TortureSteps.combine(seed, name, Workflow.all(parts));
            }
            case HANDLE -> {
              Shape.Node doomed = shape.node(node.inputs().get(0));
              yield TortureSteps.handle(
                  seed,
                  name,
                  TortureSteps.doomed(seed, Workflow.of(doomed.id()))
                      .options(optionsOf(doomed))
                      .catchExceptions());
            }
            case DOOMED ->
                throw new IllegalArgumentException(id + " is built by the task that handles it");
          };
      if (node.isTask()) {
        workflow = workflow.options(optionsOf(node));
      }
      built.put(id, workflow);
      return workflow;
    }

    private Workflow<Long> input(Shape.Node node, int index) {
      return build(node.inputs().get(index));
    }
  }
}
