package dev.waymark.processor.writer;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.Map;

/** The Waymark runtime, Kryo and JDK types that generated code refers to, in one place. */
final class RuntimeTypes {
  private RuntimeTypes() {}

  static final ClassName WORKFLOW = ClassName.get("dev.waymark", "Workflow");
  static final ClassName RESULT = ClassName.get("dev.waymark", "Result");
  static final ClassName STEP_CONTEXT = ClassName.get("dev.waymark", "StepContext");
  static final ClassName STEP_OPTIONS = ClassName.get("dev.waymark", "StepOptions");
  static final ClassName RETRY_BACKOFF = ClassName.get("dev.waymark", "RetryBackoff");
  static final ClassName CHECKPOINT_MODE =
      ClassName.get("dev.waymark.annotations", "CheckpointMode");
  static final ClassName DURATION = ClassName.get("java.time", "Duration");
  static final ClassName STEP_DEFINITION = ClassName.get("dev.waymark.internal", "StepDefinition");
  static final ClassName STEP_MODULE = ClassName.get("dev.waymark.internal", "StepModule");
  static final ClassName STEP_REGISTRY = ClassName.get("dev.waymark.internal", "StepRegistry");
  static final ClassName CURRENT_TASK = ClassName.get("dev.waymark.internal", "CurrentTask");
  static final ClassName TYPE_REGISTRAR = ClassName.get("dev.waymark.internal", "TypeRegistrar");
  static final ClassName KRYO = ClassName.get("com.esotericsoftware.kryo", "Kryo");
  static final ClassName SERIALIZER = ClassName.get("com.esotericsoftware.kryo", "Serializer");
  static final ClassName INPUT = ClassName.get("com.esotericsoftware.kryo.io", "Input");
  static final ClassName OUTPUT = ClassName.get("com.esotericsoftware.kryo.io", "Output");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  /** The suffix of Kryo's {@code Output.writeX} / {@code Input.readX} for each primitive. */
  static final Map<TypeName, String> PRIMITIVE_IO =
      Map.of(
          TypeName.BOOLEAN, "Boolean",
          TypeName.BYTE, "Byte",
          TypeName.SHORT, "Short",
          TypeName.INT, "Int",
          TypeName.LONG, "Long",
          TypeName.CHAR, "Char",
          TypeName.FLOAT, "Float",
          TypeName.DOUBLE, "Double");
}
