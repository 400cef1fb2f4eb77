package dev.waymark.processor.writer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The {@code META-INF/services} file through which the runtime's {@code ServiceLoader} finds every
 * generated module of a compilation, even those of classes the program has not loaded yet.
 */
public final class ModuleServiceFile {
  /** The resource path, relative to the class output. */
  public static final String PATH = "META-INF/services/dev.waymark.internal.StepModule";

  private ModuleServiceFile() {}

  // com.example.Outer_Inner_WaymarkModule
  // com.example.Pipeline_WaymarkModule
  /** One binary name per line, sorted and once each, so that the file does not depend on order. */
  public static String content(Collection<String> moduleBinaryNames) {
    StringBuilder text = new StringBuilder();
    for (String name : new TreeSet<>(moduleBinaryNames)) {
      text.append(name).append('\n');
    }
    return text.toString();
  }

  /** The binary names a service file lists, without comments and blank lines. */
  public static List<String> entries(String content) {
    List<String> names = new ArrayList<>();
    for (String line : content.split("\n")) {
      int comment = line.indexOf('#');
      String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    return names;
  }
}
