package dev.waymark.processor.model;

import java.util.Map;

/**
 * What a step method's own Javadoc says, carried onto its builders so that hovering over a builder
 * shows the step's documentation, not only boilerplate.
 *
 * @param description the main description, empty when the method has no Javadoc; references are
 *     already made plain code, since the builders' class does not import what the step's class does
 * @param params each {@code @param} text by the user's parameter name, references made plain alike
 */
public record StepDoc(String description, Map<String, String> params) {

  /** A method without Javadoc. */
  public static final StepDoc NONE = new StepDoc("", Map.of());

  public StepDoc {
    params = Map.copyOf(params);
  }
}
