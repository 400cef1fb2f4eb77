package dev.waymark.benchmarks.jmh;

import dev.waymark.benchmarks.JvmFlags;
import org.openjdk.jmh.annotations.Fork;

/**
 * The base of every benchmark that opens Chronicle Map: its forks get the JVM flags Chronicle needs
 * (JMH's {@code @Fork} is inherited).
 */
@Fork(
    jvmArgsAppend = {
      JvmFlags.OPEN_LANG,
      JvmFlags.OPEN_REFLECT,
      JvmFlags.EXPORT_NIO,
      JvmFlags.EXPORT_JAVAC,
      JvmFlags.EXPORT_REF,
      JvmFlags.NO_ANALYTICS,
      JvmFlags.NO_BANNERS,
      JvmFlags.HEAP_MIN,
      JvmFlags.HEAP_MAX
    })
public abstract class ChronicleForked {}
