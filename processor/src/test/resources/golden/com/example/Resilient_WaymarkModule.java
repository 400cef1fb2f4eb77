package com.example;

import dev.waymark.Result;
import dev.waymark.RetryBackoff;
import dev.waymark.StepOptions;
import dev.waymark.annotations.CheckpointMode;
import dev.waymark.internal.StepDefinition;
import dev.waymark.internal.StepModule;
import dev.waymark.internal.StepRegistry;
import dev.waymark.internal.TypeRegistrar;
import java.time.Duration;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The step definitions and checkpoint serializers behind {@link ResilientSteps}: what the
 * Waymark runtime needs to run and resume the steps of {@link Resilient}. It registers
 * itself when it is first used, and {@link java.util.ServiceLoader} finds it for a JVM
 * that resumes a stored workflow.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class Resilient_WaymarkModule implements StepModule {
  static final StepDefinition<String> FETCH =
      StepDefinition.<String>step("com.example.Resilient", "fetch")
          .inputs(1)
          .shape("in java.lang.String\n"
              + "out java.lang.String")
          .options(StepOptions.builder()
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
              .metadata("note", "")
              .build())
          .invoker(args -> Resilient.fetch((String) args[0]));

  static final StepDefinition<Integer> SAME =
      StepDefinition.<Integer>step("com.example.Resilient", "same")
          .inputs(1)
          .shape("in int\n"
              + "out int")
          .invoker(args -> Resilient.same((Integer) args[0]));

  static final StepDefinition<List<Integer>> EXPAND =
      StepDefinition.<List<Integer>>step("com.example.Resilient", "expand")
          .inputs(1)
          .shape("in int\n"
              + "out java.util.List<java.lang.Integer>")
          .options(StepOptions.builder().checkpoint(CheckpointMode.FALSE).build())
          .invoker(args -> Resilient.expand((Integer) args[0]));

  static final StepDefinition<Integer> FLAKY =
      StepDefinition.<Integer>step("com.example.Resilient", "flaky")
          .inputs(1)
          .shape("in int\n"
              + "out int")
          .options(StepOptions.builder()
              .maxRetries(2)
              .retryExceptions(true)
              .backoff(RetryBackoff.fixed(Duration.ofMillis(20)))
              .build())
          .invoker(args -> Instance.RESILIENT.flaky((Integer) args[0]));

  static final StepDefinition<Result<Integer>> PARSE =
      StepDefinition.<Result<Integer>>step("com.example.Resilient", "parse")
          .inputs(1)
          .shape("in java.lang.String\n"
              + "out int")
          .catchExceptions()
          .invoker(args -> Resilient.parse((String) args[0]));

  static final StepDefinition<Result<Void>> AUDIT =
      StepDefinition.<Result<Void>>step("com.example.Resilient", "audit")
          .inputs(1)
          .shape("in java.lang.String\n"
              + "out void")
          .options(StepOptions.builder().maxRetries(0).build())
          .catchExceptions()
          .invoker(args -> {
            Instance.RESILIENT.audit((String) args[0]);
            return null;
          });

  @SuppressWarnings("unchecked")
  static final StepDefinition<String> DESCRIBE =
      StepDefinition.<String>step("com.example.Resilient", "describe")
          .inputs(1)
          .shape("in dev.waymark.Result<java.lang.Integer>\n"
              + "out java.lang.String")
          .invoker(args -> Resilient.describe((Result<Integer>) args[0]));

  static {
    StepRegistry.register(new Resilient_WaymarkModule());
  }

  /**
   * Created by {@link java.util.ServiceLoader}.
   */
  public Resilient_WaymarkModule() {
  }

  @Override
  public List<StepDefinition<?>> steps() {
    return List.of(FETCH, SAME, EXPAND, FLAKY, PARSE, AUDIT, DESCRIBE);
  }

  @Override
  public void registerTypes(TypeRegistrar registrar) {
  }

  /**
   * Holds the one {@link Resilient} that instance steps run on,
   * created when the first one runs.
   */
  private static final class Instance {
    static final Resilient RESILIENT = new Resilient();
  }
}
