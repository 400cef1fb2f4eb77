package dev.waymark.internal;

/**
 * Where a driving thread goes next: run a task, resolve a continuation task, or settle a task whose
 * commit was forced to the device.
 */
final class Cursor {
  enum Mode {
    RUN,
    RESOLVE,
    SETTLE
  }

  Frame frame;
  int task;
  Mode mode;
  Object value;
  long producer;

  /** For RESOLVE: the value is the stored output of the output step of the task's own DAG. */
  boolean throughOutput;

  Runnable acknowledge;

  void run(Frame frame, int task) {
    this.frame = frame;
    this.task = task;
    this.mode = Mode.RUN;
  }

  void resolve(Frame frame, int task, Object value, long producer) {
    resolve(frame, task, value, producer, false);
  }

  void resolve(Frame frame, int task, Object value, long producer, boolean throughOutput) {
    this.frame = frame;
    this.task = task;
    this.mode = Mode.RESOLVE;
    this.value = value;
    this.producer = producer;
    this.throughOutput = throughOutput;
  }

  void settle(Frame frame, int task, Object value, long producer, Runnable acknowledge) {
    resolve(frame, task, value, producer);
    this.mode = Mode.SETTLE;
    this.acknowledge = acknowledge;
  }

  void clear() {
    frame = null;
    value = null;
    acknowledge = null;
  }
}
