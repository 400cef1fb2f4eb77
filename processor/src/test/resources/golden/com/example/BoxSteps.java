package com.example;

import dev.waymark.Workflow;
import dev.waymark.internal.StepDefinition;
import dev.waymark.internal.StepModule;
import dev.waymark.internal.TypeRegistrar;
import java.util.List;
import java.util.ServiceLoader;
import javax.annotation.processing.Generated;

/**
 * Workflow builders for the {@code @Step} methods of {@link Box}.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class BoxSteps {
  private static final StepDefinition<String> DESCRIBE =
      new StepDefinition<>("com.example.Box#describe", "describe", 1,
          args -> Instance.BOX.describe((String) args[0]));

  @SuppressWarnings("unchecked")
  private static final StepDefinition<Integer> SIZE =
      new StepDefinition<>("com.example.Box#size", "size", 1,
          args -> Box.size((List<String>) args[0]));

  private BoxSteps() {
  }

  /**
   * Builds a task of {@link Box#describe(String)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> describe(String label) {
    return DESCRIBE.call(Workflow.of(label));
  }

  /**
   * Builds a task of {@link Box#describe(String)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<String> describe(Workflow<? extends String> label) {
    return DESCRIBE.call(label);
  }

  /**
   * Builds a task of {@link Box#size(List)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> size(List<String> items) {
    return SIZE.call(Workflow.of(items));
  }

  /**
   * Builds a task of {@link Box#size(List)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> size(Workflow<? extends List<String>> items) {
    return SIZE.call(items);
  }

  /**
   * Registers the steps and checkpoint types of {@link Box};
   * found through {@link ServiceLoader}.
   */
  public static final class Module implements StepModule {
    @Override
    public List<StepDefinition<?>> steps() {
      return List.of(DESCRIBE, SIZE);
    }

    @Override
    public void registerTypes(TypeRegistrar registrar) {
    }
  }

  /**
   * Holds the one {@link Box} that instance steps run on,
   * created when the first one runs.
   */
  private static final class Instance {
    static final Box<?> BOX = new Box<>();
  }
}
