package dev.waymark.processor.model;

import com.palantir.javapoet.TypeName;

/**
 * One component of a checkpointed record.
 *
 * @param name the component's name, which is also its accessor's name
 * @param type the declared type; primitives are written directly, everything else with its class
 * @param uncheckedCast whether casting an {@code Object} to {@code type} is unchecked
 */
public record ComponentModel(String name, TypeName type, boolean uncheckedCast) {}
