package dev.waymark.torture;

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
  /** The flags Chronicle Map needs on JDK 17+ (the README's "JVM flags"). */
  static final List<String> REQUIRED_FLAGS =
      List.of(
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED");

  /** Also needed on JDK 24+. */
  static final List<String> REQUIRED_FLAGS_JDK24 =
      List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");

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
    List<String> required = new ArrayList<>(REQUIRED_FLAGS);
    if (Runtime.version().feature() >= 24) {
      required.addAll(REQUIRED_FLAGS_JDK24);
    }
    for (String flag : required) {
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
