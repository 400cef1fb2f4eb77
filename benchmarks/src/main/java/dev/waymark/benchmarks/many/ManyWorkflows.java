package dev.waymark.benchmarks.many;

import static dev.waymark.benchmarks.report.FigureIds.*;

import dev.waymark.benchmarks.ChildJvm;
import dev.waymark.benchmarks.Profile;
import dev.waymark.benchmarks.TempFiles;
import dev.waymark.benchmarks.report.Results;
import dev.waymark.benchmarks.resume.StorageFootprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many short workflows (the three-step pipeline, one workflow per order or message), each figure in
 * child JVMs ({@link ManyChild}): workflows per second through {@code runAsync}, disk per finished
 * workflow, {@code list()} over 1,000,000 stored workflows, and {@code resumeAll} of 10,000
 * workflows in flight when their JVM was killed with SIGKILL.
 */
public final class ManyWorkflows {
  public static final List<String> IDS =
      List.of(MANY_ASYNC, MANY_DISK, MANY_DISK_APPARENT, MANY_LIST, MANY_RESUME_ALL);

  static final int ASYNC = 100_000;
  static final int LISTED = 1_000_000;
  static final int IN_FLIGHT = 10_000;
  private static final String HEAP = "4g";

  private ManyWorkflows() {}

  public static void run(Profile profile, Path work, Results results)
      throws IOException, InterruptedException {
    Files.createDirectories(work);
    List<Double> async = new ArrayList<>();
    List<Double> cold = new ArrayList<>();
    for (int rep = 0; rep < profile.resumes; rep++) {
      Path storage = work.resolve("async");
      TempFiles.deleteRecursively(storage);
      String out = child(work, "async", storage, ASYNC, 900);
      async.add((double) number(out, "async_ns") / ASYNC);
      cold.add((double) number(out, "async_cold_ns") / ASYNC);
      if (rep == 0) {
        disk(storage, ASYNC + 1, results); // and the workflow run first
      }
      TempFiles.deleteRecursively(storage);
    }
    results.add(MANY_ASYNC, async);
    results.add(cold(MANY_ASYNC), cold);
    System.out.printf("  %,d workflows through runAsync, %d times: done%n", ASYNC, async.size());

    Path listed = work.resolve("listed");
    child(work, "fill", listed, LISTED, 3600);
    List<Double> list = new ArrayList<>();
    List<Double> open = new ArrayList<>();
    for (int rep = 0; rep < profile.resumes; rep++) {
      String out = child(work, "list", listed, LISTED, 900);
      list.add((double) number(out, "list_ns"));
      open.add((double) number(out, "open_ns"));
    }
    results.add(MANY_LIST, list);
    results.add(open(MANY_LIST), open);
    TempFiles.deleteRecursively(listed);
    System.out.printf("  list() of %,d workflows, %d times: done%n", LISTED, list.size());

    List<Double> resume = new ArrayList<>();
    List<Double> resumeOpen = new ArrayList<>();
    for (int rep = 0; rep < profile.resumes; rep++) {
      Path storage = work.resolve("inflight");
      TempFiles.deleteRecursively(storage);
      startAndKill(work, storage);
      String out = child(work, "resumeall", storage, IN_FLIGHT, 900);
      resume.add((double) number(out, "resume_ns"));
      resumeOpen.add((double) number(out, "open_ns"));
      TempFiles.deleteRecursively(storage);
    }
    results.add(MANY_RESUME_ALL, resume);
    results.add(open(MANY_RESUME_ALL), resumeOpen);
    System.out.printf("  resumeAll of %,d in flight, %d times: done%n", IN_FLIGHT, resume.size());
  }

  private static String child(Path work, String mode, Path storage, int count, long timeout)
      throws IOException, InterruptedException {
    return ChildJvm.run(
        work.resolve(mode + ".log"),
        HEAP,
        timeout,
        ManyChild.class,
        List.of(mode, storage.toString(), String.valueOf(count)));
  }

  private static void disk(Path storage, int workflows, Results results)
      throws IOException, InterruptedException {
    List<Path> files = StorageFootprint.files(storage);
    long apparent = 0;
    for (Path file : files) {
      apparent += Files.size(file);
    }
    results.add(MANY_DISK_APPARENT, List.of((double) apparent / workflows));
    long allocated = StorageFootprint.allocated(files);
    if (allocated < 0) {
      results.notMeasured(MANY_DISK, "no GNU stat to read allocated blocks");
    } else {
      results.add(MANY_DISK, List.of((double) allocated / workflows));
    }
    results.info("many.files", String.valueOf(files.size()));
  }

  /** Starts {@link ManyChild#READY} workflows behind a closed gate, then kills their JVM. */
  private static void startAndKill(Path work, Path storage)
      throws IOException, InterruptedException {
    Path log = work.resolve("inflight.log");
    Process child =
        ChildJvm.start(
            log,
            HEAP,
            ManyChild.class,
            List.of("inflight", storage.toString(), String.valueOf(IN_FLIGHT)));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (!Files.readString(log).contains(ManyChild.READY)) {
      if (!child.isAlive() || System.nanoTime() > deadline) {
        child.destroyForcibly().waitFor();
        throw new IOException("the workflows to kill were not all recorded" + ChildJvm.tail(log));
      }
      Thread.sleep(20);
    }
    child.destroyForcibly(); // SIGKILL on Linux and macOS
    int code = child.waitFor();
    if (code != 137) {
      throw new IOException("expected exit code 137 (SIGKILL), got " + code);
    }
  }

  private static long number(String output, String name) throws IOException {
    Matcher matcher = Pattern.compile(name + "=(\\d+)").matcher(output);
    if (!matcher.find()) {
      throw new IOException("the child printed no " + name + ":\n" + output);
    }
    return Long.parseLong(matcher.group(1));
  }
}
