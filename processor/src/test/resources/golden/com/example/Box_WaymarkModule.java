package com.example;

import dev.waymark.internal.StepDefinition;
import dev.waymark.internal.StepModule;
import dev.waymark.internal.StepRegistry;
import dev.waymark.internal.TypeRegistrar;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The step definitions and checkpoint serializers behind {@link BoxSteps}: what the
 * Waymark runtime needs to run and resume the steps of {@link Box}. It registers
 * itself when it is first used, and {@link java.util.ServiceLoader} finds it for a JVM
 * that resumes a stored workflow.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class Box_WaymarkModule implements StepModule {
  static final StepDefinition<String> DESCRIBE =
      StepDefinition.<String>step("com.example.Box", "describe")
          .inputs(1)
          .shape("in java.lang.String\n"
              + "out java.lang.String")
          .invoker(args -> Instance.BOX.describe((String) args[0]));

  @SuppressWarnings("unchecked")
  static final StepDefinition<Integer> SIZE =
      StepDefinition.<Integer>step("com.example.Box", "size")
          .inputs(1)
          .shape("in java.util.List<java.lang.String>\n"
              + "out int")
          .invoker(args -> Box.size((List<String>) args[0]));

  static {
    StepRegistry.register(new Box_WaymarkModule());
  }

  /**
   * Created by {@link java.util.ServiceLoader}.
   */
  public Box_WaymarkModule() {
  }

  @Override
  public List<StepDefinition<?>> steps() {
    return List.of(DESCRIBE, SIZE);
  }

  @Override
  public void registerTypes(TypeRegistrar registrar) {
  }

  /**
   * Holds the one {@link Box} that instance steps run on,
   * created when the first one runs.
   */
  private static final class Instance {
    static final Box<?> BOX = new Box<>();
  }
}
