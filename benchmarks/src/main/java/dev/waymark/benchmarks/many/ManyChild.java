package dev.waymark.benchmarks.many;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.benchmarks.TempFiles;
import dev.waymark.benchmarks.steps.Gate;
import dev.waymark.benchmarks.steps.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The child JVM of the many-short-workflows benchmark, each mode on the storage {@code STORAGE} and
 * {@code N} three-step pipelines:
 *
 * <ul>
 *   <li>{@code async STORAGE N}: runs them through {@code runAsync}, all submitted at once, in
 *       rounds for {@link #WARM_SECONDS} on a storage next to STORAGE, which it then deletes
 *       (printing {@code async_cold_ns} for the first round, the JIT compiler at work), then once
 *       on STORAGE (printing {@code async_ns}); each from the first submission to the last result.
 *   <li>{@code fill STORAGE N}: runs them one after another.
 *   <li>{@code list STORAGE N}: times {@code Waymark.open} and {@code list()}, which must see N.
 *   <li>{@code inflight STORAGE N}: starts them behind a closed gate, prints {@link #READY} once
 *       all N are recorded, and waits to be killed.
 *   <li>{@code resumeall STORAGE N}: times {@code Waymark.open} plus {@code resumeAll(false)} until
 *       all N finished.
 *   <li>{@code retention STORAGE N}: runs them one after another with a retention of 200 ms, and
 *       prints at every tenth of them how many are stored and the bytes of the storage's maps and
 *       logs.
 * </ul>
 */
public final class ManyChild {
  static final String READY = "all recorded: ready to be killed";

  /**
   * How long {@code async} warms up before its measured round: as long as the JMH benchmarks of
   * whole workflows, whose code the JIT compiler is still compiling after a few seconds.
   */
  static final int WARM_SECONDS = 15;

  private static final int RESULT = 285;

  private ManyChild() {}

  public static void main(String[] args) throws Exception {
    Path storage = Path.of(args[1]);
    int count = Integer.parseInt(args[2]);
    switch (args[0]) {
      case "async" -> async(storage, count);
      case "fill" -> fill(storage, count);
      case "list" -> list(storage, count);
      case "inflight" -> inflight(storage, count);
      case "resumeall" -> resumeAll(storage, count);
      case "retention" -> retention(storage, count);
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static void async(Path storage, int count) throws IOException {
    Workflow<Integer> pipeline = Pipeline.workflow();
    // The JIT compiler warms up on a storage of its own, so that the measured round runs on a
    // storage as new as the first round's.
    Path scratch = storage.resolveSibling(storage.getFileName() + "-warm-up");
    try (Waymark waymark = Waymark.open(scratch)) {
      waymark.run(pipeline, "warm-up");
      System.out.println("async_cold_ns=" + async(waymark, pipeline, "cold", count));
      long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARM_SECONDS);
      for (int round = 1; System.nanoTime() < warm; round++) {
        async(waymark, pipeline, "warm" + round + "-", count);
      }
    }
    TempFiles.deleteRecursively(scratch);
    try (Waymark waymark = Waymark.open(storage)) {
      waymark.run(pipeline, "warm-up");
      System.out.println("async_ns=" + async(waymark, pipeline, "w", count));
    }
  }

  /** Submits {@code count} pipelines at once; returns the nanoseconds until all have returned. */
  private static long async(Waymark waymark, Workflow<Integer> pipeline, String prefix, int count) {
    List<CompletableFuture<Integer>> runs = new ArrayList<>(count);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      runs.add(waymark.runAsync(pipeline, prefix + i));
    }
    for (CompletableFuture<Integer> run : runs) {
      check(run.join());
    }
    return System.nanoTime() - start;
  }

  private static void fill(Path storage, int count) {
    Workflow<Integer> pipeline = Pipeline.workflow();
    try (Waymark waymark = Waymark.open(storage)) {
      for (int i = 0; i < count; i++) {
        check(waymark.run(pipeline, "w" + i));
      }
    }
    System.out.println("filled " + count);
  }

  private static void retention(Path storage, int count) throws IOException {
    Workflow<Integer> pipeline = Pipeline.workflow();
    try (Waymark waymark =
        Waymark.builder().storage(storage).retention(Duration.ofMillis(200)).build()) {
      for (int i = 1; i <= count; i++) {
        check(waymark.run(pipeline, "w" + i));
        if (i % Math.max(1, count / 10) == 0) {
          System.out.printf(
              "after %d: %d stored, maps %d bytes, logs %d bytes%n",
              i, waymark.list().size(), bytes(storage, ".cmap"), bytes(storage, "log.bin"));
        }
      }
    }
  }

  /** The bytes of the files under {@code root} whose names end with {@code suffix}. */
  private static long bytes(Path root, String suffix) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(suffix))
          .mapToLong(file -> file.toFile().length())
          .sum();
    }
  }

  private static void list(Path storage, int count) {
    long start = System.nanoTime();
    try (Waymark waymark = Waymark.open(storage)) {
      long opened = System.nanoTime();
      int listed = waymark.list().size();
      long done = System.nanoTime();
      if (listed != count) {
        throw new IllegalStateException("list() saw " + listed + " workflows, not " + count);
      }
      System.out.println("open_ns=" + (opened - start) + " list_ns=" + (done - opened));
    }
  }

  private static void inflight(Path storage, int count) throws InterruptedException {
    Gate.close();
    Workflow<Integer> gated = Gate.pipeline();
    Waymark waymark = Waymark.open(storage); // never closed: the JVM is killed
    for (int i = 0; i < count; i++) {
      waymark.runAsync(gated, "w" + i);
    }
    while (waymark.list().size() < count) {
      Thread.sleep(10);
    }
    System.out.println(READY);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  private static void resumeAll(Path storage, int count) {
    long start = System.nanoTime();
    try (Waymark waymark = Waymark.open(storage)) {
      long opened = System.nanoTime();
      Map<String, CompletableFuture<Object>> runs = waymark.resumeAll(false);
      if (runs.size() != count) {
        throw new IllegalStateException("resumeAll resumed " + runs.size() + ", not " + count);
      }
      for (CompletableFuture<Object> run : runs.values()) {
        check((Integer) run.join());
      }
      long done = System.nanoTime();
      System.out.println("open_ns=" + (opened - start) + " resume_ns=" + (done - start));
    }
  }

  private static void check(int result) {
    if (result != RESULT) {
      throw new IllegalStateException("a pipeline returned " + result);
    }
  }
}
