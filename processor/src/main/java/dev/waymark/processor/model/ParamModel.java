package dev.waymark.processor.model;

import com.palantir.javapoet.TypeName;

/**
 * One parameter of a step: an input that callers pass through the builders, or a value that the
 * runtime supplies to the running step, which the builders leave out.
 */
public sealed interface ParamModel {

  /** The user's parameter name. */
  String name();

  /** The erased type, as a Javadoc link to the method spells it. */
  TypeName erasure();

  /**
   * An input, which the builders take and the invoker reads from its arguments.
   *
   * @param name the user's parameter name, kept so that builders autocomplete the same way
   * @param type the declared type
   * @param erasure the erased type
   * @param uncheckedCast whether casting an {@code Object} to {@code type} is unchecked (it has
   *     type arguments), so that the generated code can suppress exactly that warning
   */
  record Input(String name, TypeName type, TypeName erasure, boolean uncheckedCast)
      implements ParamModel {}

  /**
   * A {@code Checkpointer<S>}: the running step's saved state, which the runtime supplies.
   *
   * @param stateType {@code S}, which the invoker names as the type argument
   */
  record Checkpointer(String name, TypeName erasure, TypeName stateType) implements ParamModel {}

  /** A {@code StepContext}: what the running step can learn about itself. */
  record Context(String name, TypeName erasure) implements ParamModel {}
}
