package dev.waymark.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * A user type that a step's signature lets into a checkpoint and that the generated module must
 * therefore register; JDK types are registered by the runtime itself.
 */
public sealed interface CheckpointType {

  /** The type as it is named in a class literal, which also identifies it among the others. */
  TypeName type();

  /**
   * A record, written by a generated serializer through its accessors and canonical constructor.
   */
  record RecordType(ClassName type, List<ComponentModel> components) implements CheckpointType {
    public RecordType {
      components = List.copyOf(components);
    }
  }

  /**
   * An enum, written by a generated serializer as the constant's name so reordering is safe.
   *
   * @param constants the names of its constants, in declaration order
   */
  record EnumType(ClassName type, List<String> constants) implements CheckpointType {
    public EnumType {
      constants = List.copyOf(constants);
    }
  }

  /** An array type the runtime does not register, written by Kryo's default array serializer. */
  record ArrayType(TypeName type) implements CheckpointType {}
}
