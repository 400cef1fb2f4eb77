package dev.waymark.samples;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a real JVM with this test JVM's class path and module flags, for crash tests. */
final class ChildJvm {
  private ChildJvm() {}

  static Process start(Path output, Class<?> main, String... args) throws IOException {
    return start(output, List.of(), main, args);
  }

  static Process start(Path output, List<String> jvmArgs, Class<?> main, String... args)
      throws IOException {
    return start(output, true, jvmArgs, main, args);
  }

  /** Starts {@code main}; {@code withModuleFlags} passes on this JVM's --add-opens and co. */
  static Process start(
      Path output, boolean withModuleFlags, List<String> jvmArgs, Class<?> main, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      boolean moduleFlag =
          flag.startsWith("--add-")
              || flag.startsWith("--enable-native-access")
              || flag.startsWith("--sun-misc");
      if ((moduleFlag && withModuleFlags) || flag.startsWith("-Dchronicle.")) {
        command.add(flag);
      }
    }
    command.add("-Xmx256m");
    // Short-lived children: start fast rather than optimise for the long run.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
  }
}
