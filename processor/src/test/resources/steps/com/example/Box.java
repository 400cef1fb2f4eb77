package com.example;

import dev.waymark.annotations.Step;
import java.util.List;

/** A generic class: its instance steps run on a {@code Box<?>}. */
public class Box<T extends Number> {
  @Step
  String describe(String label) {
    return "box " + label;
  }

  @Step
  static int size(List<String> items) {
    return items.size();
  }
}
