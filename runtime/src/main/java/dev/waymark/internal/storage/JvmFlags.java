package dev.waymark.internal.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Chronicle Map needs a few module openings on JDK 17+. Without them it fails deep inside with a
 * misleading error, so they are checked up front and reported in one message.
 */
final class JvmFlags {
  private JvmFlags() {}

  /** Throws an {@link IllegalStateException} listing every missing flag. */
  static void check() {
    Module me = JvmFlags.class.getModule();
    Module base = Object.class.getModule();
    List<String> missing = new ArrayList<>();
    if (!base.isOpen("java.lang", me)) {
      missing.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
    }
    if (!base.isOpen("java.lang.reflect", me)) {
      missing.add("--add-opens=java.base/java.lang.reflect=ALL-UNNAMED");
    }
    if (!base.isExported("sun.nio.ch", me)) {
      missing.add("--add-exports=java.base/sun.nio.ch=ALL-UNNAMED");
    }
    Optional<Module> compiler = ModuleLayer.boot().findModule("jdk.compiler");
    if (compiler.isEmpty()) {
      throw new IllegalStateException(
          "Waymark's storage (Chronicle Map) compiles code at run time and needs a full JDK;"
              + " this JVM has no jdk.compiler module (is it a JRE?)");
    }
    if (!compiler.get().isExported("com.sun.tools.javac.file", me)) {
      missing.add("--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Waymark's storage (Chronicle Map) needs these JVM flags, missing here: "
              + String.join(" ", missing)
              + ". Add them to the java command line (or Surefire's argLine); an executable jar can"
              + " list them in its manifest (Add-Opens, Add-Exports). See the README, 'JVM flags'.");
    }
  }
}
