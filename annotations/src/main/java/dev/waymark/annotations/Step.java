package dev.waymark.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a durable workflow step.
 *
 * <p>For a class {@code Pipeline} with {@code @Step} methods the annotation processor generates
 * {@code PipelineSteps}: one builder per step that takes the step's parameters, each either as a
 * plain value or as a {@code Workflow} of a compatible type, and returns a {@code Workflow} of the
 * step's result. Calling a builder never runs the method; {@code run()} on the resulting workflow
 * does, and records the step's output so that it is never executed again for that workflow.
 *
 * <p>The method must not be private, generic or abstract; an instance method needs a class with an
 * accessible no-argument constructor. Parameter and return types must be serializable by Waymark:
 * primitives and their boxes, {@code String}, enums, records of such types, arrays, and {@code
 * List}, {@code Set}, {@code Map}, {@code Optional} of such types, plus a few JDK value types.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Step {

  /**
   * The step's name: the method name by default. Together with the class it forms the step's stable
   * identity, recorded in every stored workflow; rename a method but keep its name here so that
   * workflows recorded earlier still resume.
   */
  String name() default "";

  /**
   * The step's version, 1 by default. Workflows record the version of every step they use, and a
   * stored workflow only ever runs the version it recorded. To change what a step takes or returns
   * while workflows that use it are in flight, keep the old method with its old version (as
   * {@code @Step(name = "charge", version = 1)} on a renamed method) and give the new one {@code
   * version = 2}: in-flight workflows finish on version 1, new ones run version 2. Builders are
   * generated for the highest version of each name only; older versions exist to finish recorded
   * workflows.
   */
  int version() default 1;

  /**
   * How many times a failed attempt is retried: up to {@code maxRetries + 1} attempts. A crash of
   * the process during the step always counts as a failed attempt; an exception thrown by the step
   * is retried only when {@link #retryExceptions()} is true.
   */
  int maxRetries() default 3;

  /** Whether an exception thrown by the step is retried (a process crash always is). */
  boolean retryExceptions() default false;

  /** The wait between attempts: none by default. */
  Backoff backoff() default @Backoff;

  /**
   * Whether the step's failure (after its retries) is caught: the builder then returns a {@code
   * Workflow<Result<T>>} holding the value or the exception, instead of failing the workflow.
   */
  boolean catchExceptions() default false;

  /** CPUs the step occupies while it runs; the runtime never runs more than it has. */
  double cpus() default 0;

  /** GPUs the step occupies while it runs. */
  double gpus() default 0;

  /** Named resources the step occupies while it runs, e.g. {@code @Resource(name = "license")}. */
  Resource[] resources() default {};

  /** User metadata as {@code "key=value"} pairs, returned by {@code getMetadata}. */
  String[] metadata() default {};
}
