package dev.waymark.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * Everything the writer needs to generate the {@code *Steps} class of one class with {@code @Step}
 * methods, validated and free of {@code javax.lang.model} elements.
 *
 * @param stepClass the user's class that declares the steps
 * @param instanceType the type of the single instance that instance steps run on: the step class,
 *     with {@code <?>} arguments when it is generic
 * @param binaryName the step class's binary name, the first half of every step's identity
 * @param generatedClass the builders' class to generate, in the step class's package
 * @param moduleClass the sibling class holding what the runtime needs: step definitions, the module
 *     that registers them, and serializers
 * @param steps the steps, in declaration order
 * @param checkpointTypes the user types the steps' signatures let into checkpoints, in discovery
 *     order, each once
 */
public record StepClassModel(
    ClassName stepClass,
    TypeName instanceType,
    String binaryName,
    ClassName generatedClass,
    ClassName moduleClass,
    List<StepModel> steps,
    List<CheckpointType> checkpointTypes) {

  /** What the module class's simple name ends with; the runtime looks modules up by it. */
  public static final String MODULE_SUFFIX = "_WaymarkModule";

  public StepClassModel {
    steps = List.copyOf(steps);
    checkpointTypes = List.copyOf(checkpointTypes);
  }

  /** Whether any step is an instance method, which needs a holder for the shared instance. */
  public boolean hasInstanceSteps() {
    return steps.stream().anyMatch(step -> !step.isStatic());
  }

  /** The binary name of the generated {@code StepModule}, as {@code ServiceLoader} reads it. */
  public String moduleBinaryName() {
    return moduleClass.reflectionName();
  }
}
