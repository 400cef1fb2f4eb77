package dev.waymark.benchmarks.resume;

import static dev.waymark.benchmarks.report.FigureIds.*;

import dev.waymark.benchmarks.report.Results;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Bytes per committed step of a stored workflow. The apparent size (sum of file sizes) overstates
 * it: Chronicle Map files are sparse, sized for their capacity. The allocated size comes from
 * {@code stat} (blocks times block size), where the platform has a GNU {@code stat}.
 */
public final class StorageFootprint {
  private StorageFootprint() {}

  static void measure(Path workflowDir, long committed, Results results)
      throws IOException, InterruptedException {
    List<Path> files = files(workflowDir);
    long apparent = 0;
    long dag = 0;
    for (Path file : files) {
      long size = Files.size(file);
      apparent += size;
      if (file.getFileName().toString().startsWith("dag")) {
        dag += size;
      }
    }
    results.add(STORAGE_APPARENT, List.of((double) apparent / committed));
    results.add(STORAGE_DAG, List.of((double) dag / committed));
    long allocated = allocated(files);
    if (allocated < 0) {
      results.notMeasured(STORAGE_ALLOCATED, "no GNU stat to read allocated blocks");
    } else {
      results.add(STORAGE_ALLOCATED, List.of((double) allocated / committed));
    }
    results.info("storage.files", String.valueOf(files.size()));
  }

  /** The regular files under {@code dir}. */
  public static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  /** Allocated bytes of {@code files}, or -1 when {@code stat} cannot tell. */
  public static long allocated(List<Path> files) throws InterruptedException {
    List<String> command = new ArrayList<>(List.of("stat", "-c", "%b %B"));
    for (Path file : files) {
      command.add(file.toString());
    }
    try {
      Process stat = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(stat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!stat.waitFor(30, TimeUnit.SECONDS) || stat.exitValue() != 0) {
        return -1;
      }
      long total = 0;
      for (String line : output.strip().split("\n")) {
        String[] parts = line.trim().split(" ");
        total += Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
      }
      return total;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
