package dev.waymark.internal;

import java.util.UUID;
import java.util.regex.Pattern;

/** Workflow ids double as directory names, so they are checked before any file is touched. */
public final class WorkflowIds {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

  private WorkflowIds() {}

  /** Returns {@code id} if it is a valid workflow id; throws a message saying what is allowed. */
  public static String check(String id) {
    if (id == null || !VALID.matcher(id).matches()) {
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
    if (key == null || !VALID.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "invalid event key "
              + quoted(key)
              + ": use 1 to 200 letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return key;
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
