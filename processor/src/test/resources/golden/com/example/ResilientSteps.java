package com.example;

import dev.waymark.Result;
import dev.waymark.RetryBackoff;
import dev.waymark.StepOptions;
import dev.waymark.Workflow;
import dev.waymark.annotations.CheckpointMode;
import dev.waymark.internal.StepDefinition;
import dev.waymark.internal.StepModule;
import dev.waymark.internal.TypeRegistrar;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import javax.annotation.processing.Generated;

/**
 * Workflow builders for the {@code @Step} methods of {@link Resilient}.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class ResilientSteps {
  private static final StepDefinition<String> FETCH =
      new StepDefinition<>("com.example.Resilient#fetch", "fetch", 1,
          args -> Resilient.fetch((String) args[0]),
          StepOptions.options()
              .maxRetries(10)
              .retryExceptions(true)
              .backoff(RetryBackoff.exponential(Duration.ofMillis(100), 2.0,
                  Duration.ofMillis(60000)))
              .checkpoint(CheckpointMode.FALSE)
              .cpus(1.0)
              .gpus(0.5)
              .resource("license", 1.0)
              .resource("db.pool", 2.5)
              .metadata("owner", "team-a")
              .metadata("query", "a=b")
              .metadata("note", ""));

  private static final StepDefinition<Integer> SAME =
      new StepDefinition<>("com.example.Resilient#same", "same", 1,
          args -> Resilient.same((Integer) args[0]));

  private static final StepDefinition<List<Integer>> EXPAND =
      new StepDefinition<>("com.example.Resilient#expand", "expand", 1,
          args -> Resilient.expand((Integer) args[0]),
          StepOptions.options().checkpoint(CheckpointMode.FALSE));

  private static final StepDefinition<Integer> FLAKY =
      new StepDefinition<>("com.example.Resilient#flaky", "flaky", 1,
          args -> Instance.RESILIENT.flaky((Integer) args[0]),
          StepOptions.options()
              .maxRetries(2)
              .retryExceptions(true)
              .backoff(RetryBackoff.fixed(Duration.ofMillis(20))));

  private static final StepDefinition<Result<Integer>> PARSE =
      StepDefinition.catching("com.example.Resilient#parse", "parse", 1,
          args -> Resilient.parse((String) args[0]),
          StepOptions.options());

  private static final StepDefinition<Result<Void>> AUDIT =
      StepDefinition.catching("com.example.Resilient#audit", "audit", 1,
          args -> {
            Instance.RESILIENT.audit((String) args[0]);
            return null;
          },
          StepOptions.options().maxRetries(0));

  @SuppressWarnings("unchecked")
  private static final StepDefinition<String> DESCRIBE =
      new StepDefinition<>("com.example.Resilient#describe", "describe", 1,
          args -> Resilient.describe((Result<Integer>) args[0]));

  private ResilientSteps() {
  }

  /**
   * Builds a task of {@link Resilient#fetch(String)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> fetch(String url) {
    return FETCH.call(Workflow.of(url));
  }

  /**
   * Builds a task of {@link Resilient#fetch(String)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> fetch(Workflow<? extends String> url) {
    return FETCH.call(url);
  }

  /**
   * Builds a task of {@link Resilient#same(int)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> same(int x) {
    return SAME.call(Workflow.of(x));
  }

  /**
   * Builds a task of {@link Resilient#same(int)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> same(Workflow<? extends Integer> x) {
    return SAME.call(x);
  }

  /**
   * Builds a task of {@link Resilient#expand(int)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<List<Integer>> expand(int n) {
    return EXPAND.call(Workflow.of(n));
  }

  /**
   * Builds a task of {@link Resilient#expand(int)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<List<Integer>> expand(Workflow<? extends Integer> n) {
    return EXPAND.call(n);
  }

  /**
   * Builds a task of {@link Resilient#flaky(int)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> flaky(int x) {
    return FLAKY.call(Workflow.of(x));
  }

  /**
   * Builds a task of {@link Resilient#flaky(int)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> flaky(Workflow<? extends Integer> x) {
    return FLAKY.call(x);
  }

  /**
   * Builds a task of {@link Resilient#parse(String)},
   * catching its failure, once its retries are spent, in a {@link Result}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Result<Integer>> parse(String text) {
    return PARSE.call(Workflow.of(text));
  }

  /**
   * Builds a task of {@link Resilient#parse(String)},
   * catching its failure, once its retries are spent, in a {@link Result},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Result<Integer>> parse(Workflow<? extends String> text) {
    return PARSE.call(text);
  }

  /**
   * Builds a task of {@link Resilient#audit(String)},
   * catching its failure, once its retries are spent, in a {@link Result}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Result<Void>> audit(String line) {
    return AUDIT.call(Workflow.of(line));
  }

  /**
   * Builds a task of {@link Resilient#audit(String)},
   * catching its failure, once its retries are spent, in a {@link Result},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Result<Void>> audit(Workflow<? extends String> line) {
    return AUDIT.call(line);
  }

  /**
   * Builds a task of {@link Resilient#describe(Result)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> describe(Result<Integer> parsed) {
    return DESCRIBE.call(Workflow.of(parsed));
  }

  /**
   * Builds a task of {@link Resilient#describe(Result)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> describe(Workflow<? extends Result<Integer>> parsed) {
    return DESCRIBE.call(parsed);
  }

  /**
   * Registers the steps and checkpoint types of {@link Resilient};
   * found through {@link ServiceLoader}.
   */
  public static final class Module implements StepModule {
    @Override
    public List<StepDefinition<?>> steps() {
      return List.of(FETCH, SAME, EXPAND, FLAKY, PARSE, AUDIT, DESCRIBE);
    }

    @Override
    public void registerTypes(TypeRegistrar registrar) {
    }
  }

  /**
   * Holds the one {@link Resilient} that instance steps run on,
   * created when the first one runs.
   */
  private static final class Instance {
    static final Resilient RESILIENT = new Resilient();
  }
}
