package dev.waymark.benchmarks.peers;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.workflow.Workflow;
import dev.waymark.benchmarks.steps.Pipeline;
import java.util.List;

/**
 * Each step is a {@code runStep} call, so DBOS checkpoints its output in PostgreSQL before the next
 * one runs (a {@code @Step} called on {@code this} would skip the proxy and the checkpoint).
 */
public final class DbosWorkflowsImpl implements DbosWorkflows {
  private final DBOS dbos;

  public DbosWorkflowsImpl(DBOS dbos) {
    this.dbos = dbos;
  }

  @Workflow(name = "chain")
  @Override
  public int chain(int steps) {
    int value = 0;
    for (int i = 0; i < steps; i++) {
      int input = value;
      value = dbos.runStep(() -> input + 1, "inc");
    }
    return value;
  }

  @Workflow(name = "pipeline")
  @Override
  public int pipeline(int num) {
    List<Integer> data = dbos.runStep(() -> Pipeline.readData(num), "readData");
    List<Integer> squares = dbos.runStep(() -> Pipeline.preprocessing(data), "preprocessing");
    return dbos.runStep(() -> Pipeline.aggregate(squares), "aggregate");
  }
}
