package dev.waymark.processor.writer;

import com.palantir.javapoet.JavaFile;
import java.util.regex.Pattern;

/**
 * The text of one generated source file and the name of its top-level class, ready for the Filer.
 *
 * @param qualifiedName the top-level class, {@code com.example.PipelineSteps}
 * @param code the file's content
 */
public record GeneratedSource(String qualifiedName, String code) {
  private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t]+(?=\\n)");

  static GeneratedSource of(JavaFile file) {
    String name =
        file.packageName().isEmpty()
            ? file.typeSpec().name()
            : file.packageName() + "." + file.typeSpec().name();
    // JavaPoet leaves a space before a line break it was told to make (after "="); no string
    // literal can contain a line break, so stripping such spaces never changes the code.
    return new GeneratedSource(name, TRAILING_SPACE.matcher(file.toString()).replaceAll(""));
  }
}
