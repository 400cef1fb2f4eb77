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
  Runnable acknowledge;

  void run(Frame frame, int task) {
    this.frame = frame;
    this.task = task;
    this.mode = Mode.RUN;
  }

  void resolve(Frame frame, int task, Object value, long producer) {
    this.frame = frame;
    this.task = task;
    this.mode = Mode.RESOLVE;
    this.value = value;
    this.producer = producer;
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
