package com.example;

import dev.waymark.annotations.Step;

/** Names that collide with what the generated code declares or uses. */
public class Clashes {
  @Step
  static int readData(int READ_DATA) {
    return READ_DATA;
  }

  @Step
  static int read_data(int Workflow) {
    return Workflow;
  }

  @Step
  static Input copy(Input input, Module module) {
    return input;
  }

  record Input(int kryo, String type, long input) {}

  record Module(String name) {}
}
