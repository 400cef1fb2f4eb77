package dev.waymark.processor.writer;

import java.util.Collection;
import java.util.TreeSet;

/**
 * The {@code META-INF/services} file through which the runtime's {@code ServiceLoader} finds every
 * generated module of a compilation, even those of classes the program has not loaded yet.
 */
public final class ModuleServiceFile {
  /** The resource path, relative to the class output. */
  public static final String PATH = "META-INF/services/dev.waymark.internal.StepModule";

  private ModuleServiceFile() {}

  // com.example.PipelineSteps$Module
  // com.example.Outer_InnerSteps$Module
  /** One binary name per line, sorted so that the file does not depend on round order. */
  public static String content(Collection<String> moduleBinaryNames) {
    StringBuilder text = new StringBuilder();
    for (String name : new TreeSet<>(moduleBinaryNames)) {
      text.append(name).append('\n');
    }
    return text.toString();
  }
}
