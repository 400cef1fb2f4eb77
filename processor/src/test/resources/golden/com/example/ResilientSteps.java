package com.example;

import dev.waymark.Result;
import dev.waymark.Workflow;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Workflow builders for the {@code @Step} methods of {@link Resilient}.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class ResilientSteps {
  private ResilientSteps() {
  }

  /**
   * Every option at once; the generated options list them in a fixed order.
   *
   * <p>Builds a task of {@link Resilient#fetch(String)}:
   * runs nothing until the workflow runs.
   *
   * <p>Options:
   * <code>maxRetries 10</code>,
   * <code>retryExceptions true</code>,
   * <code>backoff 100 ms x2.0 up to 60000 ms</code>,
   * <code>checkpoint FALSE</code>,
   * <code>cpus 1.0</code>,
   * <code>gpus 0.5</code>,
   * <code>resource license 1.0</code>,
   * <code>resource db.pool 2.5</code>,
   * <code>metadata owner=team-a</code>,
   * <code>metadata query=a=b</code>,
   * <code>metadata note=</code>.
   */
  public static Workflow<String> fetch(String url) {
    return Resilient_WaymarkModule.FETCH.call(Workflow.of(url));
  }

  /**
   * Every option at once; the generated options list them in a fixed order.
   *
   * <p>Builds a task of {@link Resilient#fetch(String)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   *
   * <p>Options:
   * <code>maxRetries 10</code>,
   * <code>retryExceptions true</code>,
   * <code>backoff 100 ms x2.0 up to 60000 ms</code>,
   * <code>checkpoint FALSE</code>,
   * <code>cpus 1.0</code>,
   * <code>gpus 0.5</code>,
   * <code>resource license 1.0</code>,
   * <code>resource db.pool 2.5</code>,
   * <code>metadata owner=team-a</code>,
   * <code>metadata query=a=b</code>,
   * <code>metadata note=</code>.
   */
  public static Workflow<String> fetch(Workflow<? extends String> url) {
    return Resilient_WaymarkModule.FETCH.call(url);
  }

  /**
   * Values written but equal to the defaults change nothing.
   *
   * <p>Builds a task of {@link Resilient#same(int)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> same(int x) {
    return Resilient_WaymarkModule.SAME.call(Workflow.of(x));
  }

  /**
   * Values written but equal to the defaults change nothing.
   *
   * <p>Builds a task of {@link Resilient#same(int)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> same(Workflow<? extends Integer> x) {
    return Resilient_WaymarkModule.SAME.call(x);
  }

  /**
   * Builds a task of {@link Resilient#expand(int)}:
   * runs nothing until the workflow runs.
   *
   * <p>Options:
   * <code>checkpoint FALSE</code>.
   */
  public static Workflow<List<Integer>> expand(int n) {
    return Resilient_WaymarkModule.EXPAND.call(Workflow.of(n));
  }

  /**
   * Builds a task of {@link Resilient#expand(int)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   *
   * <p>Options:
   * <code>checkpoint FALSE</code>.
   */
  public static Workflow<List<Integer>> expand(Workflow<? extends Integer> n) {
    return Resilient_WaymarkModule.EXPAND.call(n);
  }

  /**
   * Fails twice, then succeeds: retried after a fixed wait.
   *
   * <p>Builds a task of {@link Resilient#flaky(int)}:
   * runs nothing until the workflow runs.
   *
   * <p>Options:
   * <code>maxRetries 2</code>,
   * <code>retryExceptions true</code>,
   * <code>backoff 20 ms</code>.
   */
  public static Workflow<Integer> flaky(int x) {
    return Resilient_WaymarkModule.FLAKY.call(Workflow.of(x));
  }

  /**
   * Fails twice, then succeeds: retried after a fixed wait.
   *
   * <p>Builds a task of {@link Resilient#flaky(int)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   *
   * <p>Options:
   * <code>maxRetries 2</code>,
   * <code>retryExceptions true</code>,
   * <code>backoff 20 ms</code>.
   */
  public static Workflow<Integer> flaky(Workflow<? extends Integer> x) {
    return Resilient_WaymarkModule.FLAKY.call(x);
  }

  /**
   * Builds a task of {@link Resilient#parse(String)},
   * catching its failure, once its retries are spent, in a {@link Result}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Result<Integer>> parse(String text) {
    return Resilient_WaymarkModule.PARSE.call(Workflow.of(text));
  }

  /**
   * Builds a task of {@link Resilient#parse(String)},
   * catching its failure, once its retries are spent, in a {@link Result},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Result<Integer>> parse(Workflow<? extends String> text) {
    return Resilient_WaymarkModule.PARSE.call(text);
  }

  /**
   * Builds a task of {@link Resilient#audit(String)},
   * catching its failure, once its retries are spent, in a {@link Result}:
   * runs nothing until the workflow runs.
   *
   * <p>Options:
   * <code>maxRetries 0</code>.
   */
  public static Workflow<Result<Void>> audit(String line) {
    return Resilient_WaymarkModule.AUDIT.call(Workflow.of(line));
  }

  /**
   * Builds a task of {@link Resilient#audit(String)},
   * catching its failure, once its retries are spent, in a {@link Result},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   *
   * <p>Options:
   * <code>maxRetries 0</code>.
   */
  public static Workflow<Result<Void>> audit(Workflow<? extends String> line) {
    return Resilient_WaymarkModule.AUDIT.call(line);
  }

  /**
   * Takes what a step that catches exceptions produces.
   *
   * <p>Builds a task of {@link Resilient#describe(Result)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> describe(Result<Integer> parsed) {
    return Resilient_WaymarkModule.DESCRIBE.call(Workflow.of(parsed));
  }

  /**
   * Takes what a step that catches exceptions produces.
   *
   * <p>Builds a task of {@link Resilient#describe(Result)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> describe(Workflow<? extends Result<Integer>> parsed) {
    return Resilient_WaymarkModule.DESCRIBE.call(parsed);
  }
}
