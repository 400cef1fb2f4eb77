package dev.waymark.processor.validation;

import dev.waymark.processor.model.StepDoc;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a step method's Javadoc into a {@link StepDoc}: the main description and the {@code @param}
 * texts. Other block tags ({@code @return}, {@code @throws}, ...) describe the method, not a
 * builder, and are left out.
 */
final class StepDocReader {
  /** {@code {@link ref label}} or {@code {@linkplain ref label}}, with the label optional. */
  private static final Pattern LINK =
      Pattern.compile("\\{@link(plain)?\\s+([^\\s}(]+(?:\\([^)]*\\))?)(?:\\s+([^}]*))?}");

  private static final Pattern PARAM = Pattern.compile("@param\\s+(\\S+)\\s*(.*)", Pattern.DOTALL);

  private StepDocReader() {}

  /** The doc of a comment as {@code Elements.getDocComment} gives it; null for none. */
  static StepDoc read(String comment) {
    if (comment == null || comment.isBlank()) {
      return StepDoc.NONE;
    }
    StringBuilder description = new StringBuilder();
    Map<String, String> params = new LinkedHashMap<>();
    StringBuilder tag = null;
    for (String line : comment.split("\n", -1)) {
      String text = line.strip();
      if (text.startsWith("@")) {
        addTag(tag, params);
        tag = new StringBuilder(text);
      } else if (tag != null) {
        tag.append('\n').append(text);
      } else {
        description.append(text).append('\n');
      }
    }
    addTag(tag, params);
    return new StepDoc(plain(description.toString()), params);
  }

  private static void addTag(StringBuilder tag, Map<String, String> params) {
    if (tag == null) {
      return;
    }
    Matcher param = PARAM.matcher(tag);
    if (param.matches() && !param.group(2).isBlank()) {
      params.put(param.group(1), plain(param.group(2)));
    }
  }

  /**
   * The text with its links made plain text: a link resolves against the imports of the step's
   * class, which the builders' class lacks, and a broken link fails a Javadoc build.
   */
  private static String plain(String text) {
    Matcher link = LINK.matcher(text.strip());
    StringBuilder out = new StringBuilder();
    while (link.find()) {
      boolean plain = link.group(1) != null;
      String label = link.group(3) == null ? "" : link.group(3).strip();
      // As Javadoc shows them: a link in code font, a plain link's label in the text's font.
      String shown =
          plain && !label.isEmpty()
              ? label
              : "{@code " + (label.isEmpty() ? link.group(2) : label) + "}";
      link.appendReplacement(out, Matcher.quoteReplacement(shown));
    }
    return link.appendTail(out).toString();
  }
}
