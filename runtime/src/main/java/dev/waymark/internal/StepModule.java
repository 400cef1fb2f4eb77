package dev.waymark.internal;

import java.util.List;

/**
 * The steps and checkpoint types of one class with {@code @Step} methods. Generated, and listed in
 * {@code META-INF/services} so that a JVM that resumes a stored workflow finds every step by its
 * identity without the user's code having to load it first.
 */
public interface StepModule {

  /** The steps declared by the class. */
  List<StepDefinition<?>> steps();

  /** Registers every type that the steps' signatures let into a checkpoint. */
  void registerTypes(TypeRegistrar registrar);
}
