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
 * @param generatedClass the class to generate, in the step class's package
 * @param steps the steps, in declaration order
 * @param checkpointTypes the user types the steps' signatures let into checkpoints, in discovery
 *     order, each once
 */
public record StepClassModel(
    ClassName stepClass,
    TypeName instanceType,
    String binaryName,
    ClassName generatedClass,
    List<StepModel> steps,
    List<CheckpointType> checkpointTypes) {

  /** The simple name of the nested class that the service file lists. */
  public static final String MODULE_CLASS = "Module";

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
    return generatedClass.reflectionName() + "$" + MODULE_CLASS;
  }
}
