package dev.waymark.benchmarks;

import dev.waymark.benchmarks.report.Results;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a child JVM hands its figures back: one line per sample, {@code sample<TAB>id<TAB>value}, and
 * {@code info<TAB>key<TAB>value} for facts such as a server's version. Appended line by line, so a
 * child that dies keeps what it measured.
 */
public final class SampleFile {
  private final Path file;

  public SampleFile(Path file) {
    this.file = file;
  }

  public void sample(String id, double value) throws IOException {
    append("sample\t" + id + "\t" + value);
  }

  public void info(String key, String value) throws IOException {
    append("info\t" + key + "\t" + value.replace('\t', ' ').replace('\n', ' '));
  }

  private void append(String line) throws IOException {
    Files.writeString(
        file,
        line + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** Adds what the file holds to {@code results}; returns the ids that got samples. */
  public List<String> readInto(Results results) throws IOException {
    Map<String, List<Double>> samples = new LinkedHashMap<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] parts = line.split("\t", 3);
        if (parts.length < 3) {
          continue;
        }
        if (parts[0].equals("sample")) {
          samples.computeIfAbsent(parts[1], k -> new ArrayList<>()).add(Double.valueOf(parts[2]));
        } else if (parts[0].equals("info")) {
          results.info(parts[1], parts[2]);
        }
      }
    }
    samples.forEach(results::add);
    return new ArrayList<>(samples.keySet());
  }
}
