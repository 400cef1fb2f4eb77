package dev.waymark.internal;

/** Calls a step method with already-resolved arguments; generated, never reflective. */
@FunctionalInterface
public interface StepInvoker {

  /** Invokes the step; {@code args} holds one resolved value per parameter, in order. */
  Object invoke(Object[] args) throws Exception;
}
