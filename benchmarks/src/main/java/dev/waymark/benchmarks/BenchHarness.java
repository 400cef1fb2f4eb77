package dev.waymark.benchmarks;

import static dev.waymark.benchmarks.report.FigureIds.*;

import dev.waymark.benchmarks.many.ManyWorkflows;
import dev.waymark.benchmarks.peers.DbosPeer;
import dev.waymark.benchmarks.peers.TemporalPeer;
import dev.waymark.benchmarks.report.MachineInfo;
import dev.waymark.benchmarks.report.Plot;
import dev.waymark.benchmarks.report.Report;
import dev.waymark.benchmarks.report.Results;
import dev.waymark.benchmarks.resume.ResumeBenchmark;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The main class of benchmarks.jar: runs the whole comparison (JMH for the floors and Waymark's own
 * figures, a plain harness for resume and storage, child JVMs for the peers), prints the tables and
 * writes docs/performance.md with its plot. See {@link BenchOptions} for the arguments.
 */
public final class BenchHarness {
  private static final List<String> RESUME_IDS =
      List.of(
          RESUME_CLEAN_FRESH,
          RESUME_CLEAN_WARM,
          RESUME_KILL_FRESH,
          RESUME_KILL_WARM,
          STORAGE_APPARENT,
          STORAGE_ALLOCATED,
          STORAGE_DAG);
  private static final List<String> DBOS_IDS = List.of(DBOS_1K, DBOS_10K, DBOS_PIPELINE);
  private static final List<String> TEMPORAL_IDS =
      List.of(TEMPORAL_1K, TEMPORAL_10K, TEMPORAL_PIPELINE);

  private BenchHarness() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(BenchOptions.USAGE);
      return;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    long start = System.nanoTime();
    Profile profile = options.profile();
    Results results = new Results();
    versions(results);
    results.info("load.start", loadAverage());
    if (options.revision() != null) {
      results.info("waymark.revision", options.revision());
    }
    Path work = Files.createTempDirectory("waymark-bench-");
    Path logs = options.logs() != null ? options.logs() : work.resolve("logs");
    Files.createDirectories(logs);
    System.out.println(
        "Waymark benchmarks, " + profile.name().toLowerCase() + ": " + profile.describe());
    System.out.println("logs: " + logs.toAbsolutePath());

    if (options.runs("jmh")) {
      System.out.println("[jmh] floors and Waymark's own figures (JMH) ...");
      try {
        JmhPart.run(profile, logs.resolve("jmh.log"), options.profilers(), results);
      } catch (Exception e) {
        results.notMeasuredUnlessPresent(
            List.copyOf(JmhPart.FIGURES.values()), "JMH failed: " + e.getMessage());
      }
    }
    if (options.runs("resume")) {
      System.out.println("[resume] resume of 1,000,000 committed steps, storage per step ...");
      try {
        ResumeBenchmark.run(profile, work.resolve("resume"), results);
      } catch (Exception e) {
        results.notMeasuredUnlessPresent(RESUME_IDS, "failed: " + firstLine(e));
      }
    }
    if (options.runs("many")) {
      System.out.println("[many] many short workflows: runAsync, disk, list(), resumeAll ...");
      try {
        ManyWorkflows.run(profile, work.resolve("many"), results);
      } catch (Exception e) {
        results.notMeasuredUnlessPresent(ManyWorkflows.IDS, "failed: " + firstLine(e));
      }
    }
    if (options.runs("dbos")) {
      if (options.dbosSkip() != null) {
        results.notMeasuredUnlessPresent(DBOS_IDS, options.dbosSkip());
      } else if (options.dbosUrl() == null) {
        results.notMeasuredUnlessPresent(DBOS_IDS, "no PostgreSQL given (--dbos-url)");
      } else {
        System.out.println("[dbos] DBOS Transact on local PostgreSQL ...");
        peer(
            DbosPeer.class,
            List.of(profile.name(), options.dbosUrl(), options.dbosUser()),
            work,
            logs.resolve("dbos.log"),
            DBOS_IDS,
            results);
      }
    }
    if (options.runs("temporal")) {
      System.out.println("[temporal] Temporal SDK on its in-process test server ...");
      peer(
          TemporalPeer.class,
          List.of(profile.name()),
          work,
          logs.resolve("temporal.log"),
          TEMPORAL_IDS,
          results);
    }
    results.info("load.end", loadAverage());
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    System.out.println();
    System.out.println(Report.tables(results));
    if (options.docs() != null) {
      if (options.allParts()) {
        writeDocs(options.docs(), results, profile, seconds);
      } else {
        System.out.println("(a partial run: " + options.docs() + "/performance.md left as it was)");
      }
    }
    System.out.println("harness time: " + seconds + " s");
    if (options.logs() != null) {
      TempFiles.deleteRecursively(work);
    } else {
      TempFiles.deleteRecursively(work.resolve("resume")); // the logs stay
      TempFiles.deleteRecursively(work.resolve("many"));
    }
  }

  /** Runs a peer in its own JVM; what it could not measure says why. */
  private static void peer(
      Class<?> main, List<String> args, Path work, Path log, List<String> ids, Results results) {
    Path samples = work.resolve(main.getSimpleName() + ".tsv");
    String failure = null;
    try {
      List<String> all = new ArrayList<>();
      all.add(samples.toString());
      all.addAll(args);
      ChildJvm.run(log, "2g", 3600, main, all);
    } catch (Exception e) {
      failure = firstLine(e);
      System.out.println("  failed: " + e.getMessage());
    }
    try {
      new SampleFile(samples).readInto(results);
    } catch (IOException e) {
      failure = failure == null ? firstLine(e) : failure;
    }
    results.notMeasuredUnlessPresent(ids, failure == null ? "no samples" : "failed: " + failure);
  }

  private static void writeDocs(Path docs, Results results, Profile profile, long seconds)
      throws IOException {
    Files.createDirectories(docs);
    MachineInfo machine = MachineInfo.collect();
    Report.RunInfo run =
        new Report.RunInfo(profile.name().toLowerCase(), profile.describe(), seconds);
    Files.writeString(
        docs.resolve("performance.md"),
        Report.markdown(results, machine, run),
        StandardCharsets.UTF_8);
    Files.writeString(docs.resolve("performance.svg"), Plot.svg(results), StandardCharsets.UTF_8);
    System.out.println("wrote " + docs.resolve("performance.md") + " and performance.svg");
  }

  /** Versions of what is measured, from the build (bench.properties). */
  private static void versions(Results results) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = BenchHarness.class.getResourceAsStream("/bench.properties")) {
      if (in != null) {
        properties.load(in);
      }
    }
    for (String key : properties.stringPropertyNames()) {
      results.info(key, properties.getProperty(key));
    }
  }

  /** The one-minute system load average, which shows whether other work shared the machine. */
  private static String loadAverage() {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f", load);
  }

  private static String firstLine(Exception e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.endsWith(":") ? line.substring(0, line.length() - 1) : line;
  }
}
