package dev.waymark.internal;

import java.util.UUID;

/** Workflow ids double as directory names, so they are checked before any file is touched. */
public final class WorkflowIds {
  private WorkflowIds() {}

  /** Returns {@code id} if it is a valid workflow id; throws a message saying what is allowed. */
  public static String check(String id) {
    if (!valid(id)) {
      throw new IllegalArgumentException(
          "invalid workflow id "
              + quoted(id)
              + ": use 1 to 200 letters, digits, '.', '_' or '-',"
              + " starting with a letter or digit");
    }
    return id;
  }

  /** Returns {@code key} if it is a valid event key; throws a message saying what is allowed. */
  public static String checkEventKey(String key) {
    if (!valid(key)) {
      throw new IllegalArgumentException(
          "invalid event key "
              + quoted(key)
              + ": use 1 to 200 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return key;
  }

  /**
   * Whether {@code text} is 1 to 200 letters, digits, '.', '_' or '-', starting with a letter or
   * digit (checked for every run: by hand, not with a regular expression).
   */
  private static boolean valid(String text) {
    if (text == null || text.isEmpty() || text.length() > 200) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean alphanumeric =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alphanumeric && (i == 0 || (c != '.' && c != '_' && c != '-'))) {
        return false;
      }
    }
    return true;
  }

  /** {@code text} in quotes, cut when it is too long to be worth showing whole. */
  private static String quoted(String text) {
    if (text == null) {
      return "null";
    }
    return text.length() <= 60
        ? "'" + text + "'"
        : "'" + text.substring(0, 60) + "...' (" + text.length() + " characters)";
  }

  /** A fresh id: {@code prefix} (a step name) and a random suffix. */
  public static String generate(String prefix) {
    String base = prefix.replaceAll("[^A-Za-z0-9._-]", "_");
    return check(base + "." + UUID.randomUUID().toString().substring(0, 13));
  }
}
