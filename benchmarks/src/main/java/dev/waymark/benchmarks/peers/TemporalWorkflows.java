package dev.waymark.benchmarks.peers;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;

/** The chain and the pipeline as Temporal workflows, one activity per step. */
public final class TemporalWorkflows {
  private TemporalWorkflows() {}

  static final ActivityOptions ACTIVITY =
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(1)).build();

  /** {@code inc} called {@code steps} times in sequence. */
  @WorkflowInterface
  public interface Chain {
    @WorkflowMethod
    int run(int steps);
  }

  /** read_data -> preprocessing -> aggregate. */
  @WorkflowInterface
  public interface ThreeSteps {
    @WorkflowMethod
    int run(int num);
  }

  /** Temporal instantiates workflow implementations itself: public, no-argument constructor. */
  public static final class ChainImpl implements Chain {
    private final TemporalActivities activities =
        Workflow.newActivityStub(TemporalActivities.class, ACTIVITY);

    @Override
    public int run(int steps) {
      int value = 0;
      for (int i = 0; i < steps; i++) {
        value = activities.inc(value);
      }
      return value;
    }
  }

  /** See {@link ChainImpl}. */
  public static final class ThreeStepsImpl implements ThreeSteps {
    private final TemporalActivities activities =
        Workflow.newActivityStub(TemporalActivities.class, ACTIVITY);

    @Override
    public int run(int num) {
      List<Integer> data = activities.readData(num);
      List<Integer> squares = activities.preprocessing(data);
      return activities.aggregate(squares);
    }
  }
}
