package dev.waymark.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads steps run on: virtual threads on JDK 21 and later, so that a step blocked in I/O
 * holds no platform thread, else daemon platform threads. Waymark is built for JDK 17, so the
 * virtual-thread API ({@code Thread.ofVirtual().name(prefix, 1).factory()}) is reached through
 * method handles.
 */
public final class StepThreads {
  private static final MethodHandle[] VIRTUAL = virtualApi();

  private StepThreads() {}

  /** Whether this JVM has virtual threads. */
  public static boolean virtualAvailable() {
    return VIRTUAL != null;
  }

  /** Threads named {@code prefix1}, {@code prefix2}, ...: virtual ones when asked. */
  static ThreadFactory factory(String prefix, boolean virtual) {
    if (virtual) {
      if (VIRTUAL == null) {
        throw new IllegalStateException(
            "virtual threads need JDK 21 or later; this is JDK " + Runtime.version().feature());
      }
      try {
        Object builder = VIRTUAL[0].invoke();
        builder = VIRTUAL[1].invoke(builder, prefix, 1L);
        return (ThreadFactory) VIRTUAL[2].invoke(builder);
      } catch (Throwable e) {
        throw new IllegalStateException("cannot create virtual threads: " + e, e);
      }
    }
    AtomicInteger threads = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Thread.ofVirtual, OfVirtual.name(String, long) and Builder.factory; null before JDK 21. */
  private static MethodHandle[] virtualApi() {
    try {
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      Class<?> builder = Class.forName("java.lang.Thread$Builder");
      Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
      return new MethodHandle[] {
        lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual)),
        lookup.findVirtual(
            ofVirtual, "name", MethodType.methodType(ofVirtual, String.class, long.class)),
        lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class))
      };
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }
}
