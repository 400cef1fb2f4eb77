package dev.waymark.processor.model;

import com.palantir.javapoet.TypeName;

/**
 * One parameter of a step.
 *
 * @param name the user's parameter name, kept so that builders autocomplete the same way
 * @param type the declared type
 * @param erasure the erased type, as a Javadoc link to the method spells it
 * @param uncheckedCast whether casting an {@code Object} to {@code type} is unchecked (it has type
 *     arguments), so that the generated code can suppress exactly that warning
 */
public record ParamModel(String name, TypeName type, TypeName erasure, boolean uncheckedCast) {}
