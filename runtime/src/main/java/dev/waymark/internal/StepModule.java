package dev.waymark.internal;

import java.util.List;

/**
 * The steps and checkpoint types of one class with {@code @Step} methods. Generated; a module
 * registers itself with the {@link StepRegistry} when its class initializes, and is listed in
 * {@code META-INF/services} so that a JVM that resumes a stored workflow finds its steps before the
 * program touches them.
 */
public interface StepModule {

  /** The steps declared by the class. */
  List<StepDefinition<?>> steps();

  /** Registers every type that the steps' signatures let into a checkpoint. */
  void registerTypes(TypeRegistrar registrar);
}
