package dev.waymark.benchmarks.resume;

import static dev.waymark.benchmarks.report.FigureIds.*;

import dev.waymark.benchmarks.ChildJvm;
import dev.waymark.benchmarks.Profile;
import dev.waymark.benchmarks.TempFiles;
import dev.waymark.benchmarks.report.Results;
import dev.waymark.benchmarks.steps.ResumeChain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resume of a workflow with 1,000,000 committed steps, and the storage it takes. A child JVM builds
 * the workflow twice: once closed cleanly (its last step failed), once killed with SIGKILL while
 * its last step runs. Each measured resume runs in a new JVM on a byte-for-byte copy of one of the
 * two states, so every repetition sees the same files (the killed state keeps its open-maps marker
 * and is recovered each time).
 */
public final class ResumeBenchmark {
  private static final Pattern TIMES =
      Pattern.compile("open_ns=(\\d+) first_step_ns=(\\d+) total_ns=(\\d+)");
  private static final String HEAP = "4g";

  private ResumeBenchmark() {}

  public static void run(Profile profile, Path work, Results results)
      throws IOException, InterruptedException {
    Files.createDirectories(work);
    Path clean = work.resolve("clean");
    Path killed = work.resolve("killed");
    System.out.println("  building the 1,000,000-step workflow, closed cleanly ...");
    ChildJvm.run(
        work.resolve("build-clean.log"),
        HEAP,
        600,
        ResumeChild.class,
        List.of("build", clean.toString(), "fail"));
    StorageFootprint.measure(clean, ResumeChild.COMMITTED, results);
    System.out.println(
        "  building it again and killing the JVM (SIGKILL) inside its last step ...");
    buildAndKill(killed, work.resolve("build-killed.log"));

    Map<String, List<Double>> firstStep = new LinkedHashMap<>();
    Map<String, List<Double>> open = new LinkedHashMap<>();
    for (int rep = 0; rep < profile.resumes; rep++) {
      for (String state : List.of("clean", "kill")) {
        for (String jvm : List.of("fresh", "warm")) {
          String id = "resume." + state + "." + jvm;
          long[] times = resumeOnce(state.equals("clean") ? clean : killed, jvm, work);
          open.computeIfAbsent(id, k -> new ArrayList<>()).add((double) times[0]);
          firstStep.computeIfAbsent(id, k -> new ArrayList<>()).add((double) times[1]);
        }
      }
      System.out.printf("  resume repetition %d of %d done%n", rep + 1, profile.resumes);
    }
    firstStep.forEach(results::add);
    open.forEach((id, samples) -> results.add(open(id), samples));
    TempFiles.deleteRecursively(clean);
    TempFiles.deleteRecursively(killed);
  }

  private static void buildAndKill(Path storage, Path log)
      throws IOException, InterruptedException {
    Process child =
        ChildJvm.start(log, HEAP, ResumeChild.class, List.of("build", storage.toString(), "hang"));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (!Files.readString(log).contains(ResumeChain.READY)) {
      if (!child.isAlive() || System.nanoTime() > deadline) {
        child.destroyForcibly().waitFor();
        throw new IOException(
            "the workflow to kill did not reach its last step" + ChildJvm.tail(log));
      }
      Thread.sleep(20);
    }
    child.destroyForcibly(); // SIGKILL on Linux and macOS
    int code = child.waitFor();
    if (code != 137) {
      throw new IOException("expected exit code 137 (SIGKILL), got " + code);
    }
  }

  /** {open ns, ns until the last step's body starts} of one resume on a copy of {@code state}. */
  private static long[] resumeOnce(Path state, String jvm, Path work)
      throws IOException, InterruptedException {
    Path copy = work.resolve("copy");
    Path scratch = work.resolve("scratch");
    TempFiles.deleteRecursively(copy);
    TempFiles.deleteRecursively(scratch);
    TempFiles.copyRecursively(state, copy);
    try {
      String output =
          ChildJvm.run(
              work.resolve("resume.log"),
              HEAP,
              300,
              ResumeChild.class,
              List.of("resume", copy.toString(), jvm, scratch.toString()));
      Matcher matcher = TIMES.matcher(output);
      if (!matcher.find()) {
        throw new IOException("the resume printed no times:\n" + output);
      }
      return new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))};
    } finally {
      TempFiles.deleteRecursively(copy);
      TempFiles.deleteRecursively(scratch);
    }
  }
}
