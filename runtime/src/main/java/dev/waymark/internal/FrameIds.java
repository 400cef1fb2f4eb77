package dev.waymark.internal;

/**
 * The ids of the tasks of a continuation's frame, as far as known (see {@link TaskNames}): those
 * read (from its DAG's record, or under each task's key), and those this run gave, kept as numbers
 * after the base name rather than strings, since a deep recursion keeps every level's frame.
 */
final class FrameIds {
  private final Plan plan;

  /** The ids read, or null. */
  private String[] names;

  /** Per task, the number this run gave it (0: the base name alone), or -1 for a read one. */
  private int[] numbers;

  FrameIds(Plan plan) {
    this.plan = plan;
    this.names = plan.storedNames;
  }

  /** The id of task {@code t}, or null when it is not known yet. */
  String known(int t) {
    if (numbers != null && numbers[t] >= 0) {
      int n = numbers[t];
      return n == 0 ? plan.baseName(t) : plan.baseName(t) + "_" + n;
    }
    return names == null ? null : names[t];
  }

  /** Task {@code t} is named by number {@code n} after its base name. */
  void given(int t, int n) {
    if (numbers == null) {
      numbers = new int[plan.taskCount()];
    }
    numbers[t] = n;
  }

  /** Task {@code t} is named {@code name}, as read. */
  void read(int t, String name) {
    if (names == null) {
      names = new String[plan.taskCount()];
    }
    names[t] = name;
    if (numbers != null) {
      numbers[t] = -1;
    }
  }

  /** The ids of all the tasks, once each has one. */
  String[] all() {
    String[] all = new String[plan.taskCount()];
    for (int t = 0; t < all.length; t++) {
      all[t] = known(t);
    }
    return all;
  }
}
