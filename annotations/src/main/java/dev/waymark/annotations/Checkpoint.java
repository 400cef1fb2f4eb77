package dev.waymark.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Whether a {@link Step}'s output is checkpointed: {@code @Checkpoint(CheckpointMode.FALSE)} skips
 * storing it. Without this annotation a step inherits its parent's mode.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Checkpoint {
  CheckpointMode value();
}
