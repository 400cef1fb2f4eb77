package dev.waymark.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags every JVM of the benchmark gets: the ones Chronicle Map needs (README, "JVM flags")
 * and Chronicle's analytics and banners turned off. Forked JVMs do not read the jar's manifest, so
 * they are passed on explicitly.
 */
public final class JvmFlags {
  public static final String OPEN_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
  public static final String OPEN_REFLECT = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
  public static final String EXPORT_NIO = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
  public static final String EXPORT_JAVAC =
      "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED";
  public static final String EXPORT_REF = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";
  public static final String NO_ANALYTICS = "-Dchronicle.analytics.disable=true";
  public static final String NO_BANNERS = "-Dchronicle.announcer.disable=true";

  /** A fixed heap, so that heap resizing does not move the figures between runs. */
  public static final String HEAP_MIN = "-Xms2g";

  public static final String HEAP_MAX = "-Xmx2g";

  private JvmFlags() {}

  /** The flags for this JDK: JDK 24 and newer also need native and Unsafe access allowed. */
  public static List<String> chronicle() {
    List<String> flags =
        new ArrayList<>(
            List.of(
                OPEN_LANG,
                OPEN_REFLECT,
                EXPORT_NIO,
                EXPORT_JAVAC,
                EXPORT_REF,
                NO_ANALYTICS,
                NO_BANNERS));
    if (Runtime.version().feature() >= 24) {
      flags.add("--enable-native-access=ALL-UNNAMED");
      flags.add("--sun-misc-unsafe-memory-access=allow");
    }
    return flags;
  }
}
