package dev.waymark.processor.validation;

import java.util.Optional;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Checks that a step name can name the generated builder methods: a Java identifier that does not
 * turn a static builder into a clash with one of {@link Object}'s instance methods.
 */
final class StepNameRule {
  /** Object's methods without parameters: a static method may not hide one of them. */
  private static final Set<String> OBJECT_METHODS =
      Set.of(
          "getClass", "hashCode", "toString", "clone", "finalize", "notify", "notifyAll", "wait");

  /** Why {@code name} cannot name a builder of {@code arity} parameters, if so. */
  Optional<String> problem(String name, int arity) {
    if (SourceVersion.isKeyword(name)) {
      return Optional.of("is a Java keyword");
    }
    if (!SourceVersion.isIdentifier(name)) {
      return Optional.of("is not a Java identifier");
    }
    // wait(long) and wait(long, int) too; rejecting wait(String) as well keeps the rule simple.
    if ((arity == 0 && OBJECT_METHODS.contains(name)) || (name.equals("wait") && arity <= 2)) {
      return Optional.of("would hide java.lang.Object's method " + name + "()");
    }
    return Optional.empty();
  }
}
