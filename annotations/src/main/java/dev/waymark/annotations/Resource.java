package dev.waymark.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An amount of a named resource a step occupies while it runs (see {@code Step#resources}). */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface Resource {
  /** The resource's name: letters, digits, '.', '_' or '-'. */
  String name();

  /** How much of it the step needs; more than 0. */
  double amount() default 1;
}
