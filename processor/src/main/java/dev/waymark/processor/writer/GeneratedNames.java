package dev.waymark.processor.writer;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.NameAllocator;
import dev.waymark.processor.model.CheckpointType;
import dev.waymark.processor.model.StepClassModel;
import dev.waymark.processor.model.StepModel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The identifiers of one step class's generated code, allocated once so that members never clash
 * with each other or with the builder parameters, which keep the user's names. The builders' class
 * refers to the module's step definitions by these names.
 */
final class GeneratedNames {
  private static final String INSTANCE_CLASS = "Instance";

  private final NameAllocator allocator = new NameAllocator();
  private final Map<StepModel, String> constants = new LinkedHashMap<>();
  private final Map<CheckpointType, ClassName> serializers = new LinkedHashMap<>();
  private final ClassName instanceClass;
  private final String instanceField;

  GeneratedNames(StepClassModel model) {
    allocator.newName(model.generatedClass().simpleName(), "generated");
    allocator.newName(model.moduleClass().simpleName(), "module");
    allocator.newName(INSTANCE_CLASS, "instance");
    // A builder parameter named Workflow would hide the type in Workflow.of(...).
    allocator.newName(RuntimeTypes.WORKFLOW.simpleName(), "workflow");
    instanceClass = model.moduleClass().nestedClass(INSTANCE_CLASS);
    instanceField = JavaNames.constantCase(model.stepClass().simpleName());
    for (StepModel step : model.steps()) {
      String base =
          JavaNames.constantCase(step.stepName()) + (step.latest() ? "" : "_V" + step.version());
      constants.put(step, allocator.newName(base, step));
    }
    for (CheckpointType type : model.checkpointTypes()) {
      if (!(type instanceof CheckpointType.ArrayType)) {
        String simpleName = ((ClassName) type.type()).simpleName() + "Serializer";
        serializers.put(type, model.moduleClass().nestedClass(allocator.newName(simpleName, type)));
      }
    }
  }

  /** The field holding {@code step}'s definition in the module class. */
  String constant(StepModel step) {
    return constants.get(step);
  }

  ClassName serializer(CheckpointType type) {
    return serializers.get(type);
  }

  ClassName instanceClass() {
    return instanceClass;
  }

  String instanceField() {
    return instanceField;
  }

  /** The class-level names taken so far; builders clone it to name their parameters. */
  NameAllocator allocator() {
    return allocator;
  }
}
