package dev.waymark.processor.writer;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.waymark.processor.model.CheckpointType;
import dev.waymark.processor.model.ComponentModel;
import dev.waymark.processor.model.ParamModel;
import dev.waymark.processor.model.StepModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes the shape of a step: what its tasks store and read, one item a line, which the runtime
 * records with every workflow and compares on resume, so that a value is only ever read with the
 * shape that wrote it. A step's body and parameter names are not part of it; its input types in
 * order, its state type, its result type and every record and enum those reach are:
 *
 * <pre>
 * in int
 * in java.util.List&lt;com.example.Stat&gt;
 * out com.example.Stat
 * record com.example.Stat(item java.lang.String, qty int, price int)
 * enum com.example.Color{BLUE, GREEN, RED}
 * </pre>
 *
 * The runtime's {@code ShapeText} reads this format; the two change together.
 */
final class ShapeWriter {
  private ShapeWriter() {}

  /** The shape of {@code step}, given the checkpoint types of its class by type. */
  static String step(StepModel step, Map<TypeName, CheckpointType> types) {
    List<String> lines = new ArrayList<>();
    List<TypeName> reached = new ArrayList<>();
    for (ParamModel param : step.params()) {
      if (param instanceof ParamModel.Input input) {
        lines.add("in " + text(input.type()));
        reached.add(input.type());
      }
    }
    for (ParamModel param : step.params()) {
      if (param instanceof ParamModel.Checkpointer checkpointer) {
        lines.add("state " + text(checkpointer.stateType()));
        reached.add(checkpointer.stateType());
      }
    }
    lines.add("out " + text(step.outputType()));
    reached.add(step.outputType());
    // Sorted by name, so that the shape does not depend on the order types were found in.
    Map<String, CheckpointType> closure = new TreeMap<>();
    ArrayDeque<TypeName> pending = new ArrayDeque<>(reached);
    while (!pending.isEmpty()) {
      TypeName type = pending.poll().withoutAnnotations();
      if (type instanceof ParameterizedTypeName parameterized) {
        pending.addAll(parameterized.typeArguments());
      } else if (type instanceof ArrayTypeName array) {
        pending.add(array.componentType());
      } else {
        CheckpointType checkpointType = types.get(type);
        if (checkpointType instanceof CheckpointType.RecordType record
            && closure.putIfAbsent(text(type), record) == null) {
          record.components().forEach(component -> pending.add(component.type()));
        } else if (checkpointType instanceof CheckpointType.EnumType) {
          closure.putIfAbsent(text(type), checkpointType);
        }
      }
    }
    closure.values().forEach(type -> lines.add(type(type)));
    return String.join("\n", lines);
  }

  /**
   * The line of a record or enum: what its generated serializer writes, {@code record
   * com.example.Stat(item java.lang.String, qty int)} or {@code enum com.example.Color{BLUE, RED}}.
   */
  static String type(CheckpointType type) {
    if (type instanceof CheckpointType.RecordType record) {
      return "record "
          + text(record.type())
          + record.components().stream()
              .map(ShapeWriter::component)
              .collect(Collectors.joining(", ", "(", ")"));
    }
    if (type instanceof CheckpointType.EnumType enumType) {
      return "enum "
          + text(enumType.type())
          + enumType.constants().stream().sorted().collect(Collectors.joining(", ", "{", "}"));
    }
    return "array " + text(type.type());
  }

  private static String component(ComponentModel component) {
    return component.name() + " " + text(component.type());
  }

  /** A type with its packages and type arguments, without annotations. */
  private static String text(TypeName type) {
    return type.withoutAnnotations().toString();
  }
}
