package dev.waymark.torture;

import dev.waymark.internal.storage.JvmFlags;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a child JVM with this JVM's class path and module flags (the ones Chronicle Map needs),
 * tuned to start fast. A JVM started with {@code java -jar} gets the flags from the jar's manifest,
 * which a {@code -cp} child does not read: missing flags are added explicitly.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /** The command line that runs {@code main} with {@code args} in a child JVM. */
  public static List<String> command(Class<?> main, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    List<String> inherited = ManagementFactory.getRuntimeMXBean().getInputArguments();
    List<String> flags = new ArrayList<>();
    for (int i = 0; i < inherited.size(); i++) {
      String flag = inherited.get(i);
      boolean moduleFlag =
          flag.startsWith("--add-opens")
              || flag.startsWith("--add-exports")
              || flag.startsWith("--enable-native-access")
              || flag.startsWith("--sun-misc");
      if (moduleFlag && !flag.contains("=") && i + 1 < inherited.size()) {
        flags.add(flag + "=" + inherited.get(++i)); // the two-token form
      } else if (moduleFlag || flag.startsWith("-Dchronicle.") || flag.startsWith("-Dwaymark.")) {
        flags.add(flag);
      }
    }
    for (String flag : JvmFlags.forThisJdk()) {
      if (!flags.contains(flag)) {
        flags.add(flag);
      }
    }
    command.addAll(flags);
    command.add("-Xmx256m");
    // Short-lived children: start fast rather than optimise for the long run.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(args);
    return command;
  }

  /** Starts {@code main}; its standard output and error go to {@code output}. */
  public static Process start(Path output, Class<?> main, List<String> args) throws IOException {
    return new ProcessBuilder(command(main, args))
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
  }
}
