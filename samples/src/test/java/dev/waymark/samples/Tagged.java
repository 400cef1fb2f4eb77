package dev.waymark.samples;

import dev.waymark.annotations.Step;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A step that notes which thread ran it and what that thread's {@link #TAG} held. */
public final class Tagged {
  static final ThreadLocal<String> TAG = new ThreadLocal<>();
  static final List<String> SEEN = new CopyOnWriteArrayList<>();

  private Tagged() {}

  @Step
  static int next(int n) {
    SEEN.add(Thread.currentThread().getName() + "|" + TAG.get());
    return n + 1;
  }
}
