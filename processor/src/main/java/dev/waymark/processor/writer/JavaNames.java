package dev.waymark.processor.writer;

import java.util.Locale;

/** Turns the user's names into the Java naming conventions that generated members follow. */
final class JavaNames {
  private JavaNames() {}

  /** {@code readData} -> {@code READ_DATA}, {@code parseHTTPReply} -> {@code PARSE_HTTP_REPLY}. */
  static String constantCase(String name) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean wordStart =
          i > 0
              && Character.isUpperCase(c)
              && (!Character.isUpperCase(name.charAt(i - 1))
                  || (i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1))));
      if (wordStart && name.charAt(i - 1) != '_') {
        out.append('_');
      }
      out.append(Character.toUpperCase(c));
    }
    return out.toString();
  }

  /** {@code Point} -> {@code point}, for a parameter holding a value of that type. */
  static String variableCase(String simpleName) {
    int upper = 0;
    while (upper < simpleName.length() && Character.isUpperCase(simpleName.charAt(upper))) {
      upper++;
    }
    // "URL" -> "url", "HTTPReply" -> "httpReply": lower the leading acronym but not the next word.
    int cut = upper > 1 && upper < simpleName.length() ? upper - 1 : upper;
    return simpleName.substring(0, cut).toLowerCase(Locale.ROOT) + simpleName.substring(cut);
  }
}
