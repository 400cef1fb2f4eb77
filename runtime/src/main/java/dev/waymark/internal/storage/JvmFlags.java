package dev.waymark.internal.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chronicle Map needs a few module openings on JDK 17+. Without them it fails deep inside with a
 * misleading error, so they are checked up front and reported in one message. {@link #FLAGS} is the
 * one list of them: the README's, the build's and the test kit's.
 */
public final class JvmFlags {
  /** Every flag Waymark's storage needs, in the order the README lists them. */
  public static final List<String> FLAGS =
      List.of(
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED");

  /** What JDK 24 and later also need: native access and Unsafe's memory access allowed. */
  public static final List<String> FLAGS_JDK24 =
      List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");

  private JvmFlags() {}

  /** The flags a JVM of this JDK's version needs: {@link #FLAGS}, and from JDK 24 on more. */
  public static List<String> forThisJdk() {
    List<String> flags = new ArrayList<>(FLAGS);
    if (Runtime.version().feature() >= 24) {
      flags.addAll(FLAGS_JDK24);
    }
    return flags;
  }

  /**
   * The flags of {@link #FLAGS} this JVM lacks.
   *
   * @throws IllegalStateException when this JVM has no {@code jdk.compiler} module (a JRE)
   */
  public static List<String> missing() {
    Module me = JvmFlags.class.getModule();
    Optional<Module> compiler = ModuleLayer.boot().findModule("jdk.compiler");
    if (compiler.isEmpty()) {
      throw new IllegalStateException(
          "Waymark's storage (Chronicle Map) compiles code at run time and needs a full JDK;"
              + " this JVM has no jdk.compiler module (is it a JRE?)");
    }
    List<String> missing = new ArrayList<>();
    for (String flag : FLAGS) {
      // --add-opens=module/package=ALL-UNNAMED, or --add-exports=...
      String[] parts = flag.substring(flag.indexOf('=') + 1).split("[/=]");
      Module module = "java.base".equals(parts[0]) ? Object.class.getModule() : compiler.get();
      boolean granted =
          flag.startsWith("--add-opens")
              ? module.isOpen(parts[1], me)
              : module.isExported(parts[1], me);
      if (!granted) {
        missing.add(flag);
      }
    }
    return missing;
  }

  /** Throws an {@link IllegalStateException} listing every missing flag. */
  static void check() {
    List<String> missing = missing();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Waymark's storage (Chronicle Map) needs these JVM flags, missing here: "
              + String.join(" ", missing)
              + ". Add them to the java command line (or Surefire's argLine); an executable jar can"
              + " list them in its manifest (Add-Opens, Add-Exports). See the README, 'JVM flags'.");
    }
  }
}
