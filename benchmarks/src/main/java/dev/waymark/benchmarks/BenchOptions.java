package dev.waymark.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The harness's command line. */
record BenchOptions(
    Profile profile,
    Path docs,
    Path logs,
    String dbosUrl,
    String dbosUser,
    String dbosSkip,
    Set<String> parts,
    List<String> profilers,
    String revision) {

  static final Set<String> ALL_PARTS = Set.of("jmh", "resume", "many", "dbos", "temporal");

  static final String USAGE =
      """
      usage: java -jar benchmarks.jar smoke|full [options]
        --docs DIR           write DIR/performance.md and DIR/performance.svg (complete runs only)
        --logs DIR           keep the JMH and child JVM logs there (default: a temp directory)
        --dbos-url URL       JDBC URL of a PostgreSQL DBOS may create its database in
        --dbos-user USER     its user (default postgres)
        --dbos-skip REASON   do not run DBOS; its rows say REASON
        --parts LIST         some of jmh,resume,many,dbos,temporal (default: all)
        --prof NAME          add a JMH profiler, e.g. gc (its figures go to the JMH log)
        --revision TEXT      the source revision measured, for the report (bench.sh passes it)""";

  static BenchOptions parse(String[] args) {
    if (args.length == 0) {
      throw new IllegalArgumentException("which run: smoke or full?");
    }
    Profile profile;
    try {
      profile = Profile.valueOf(args[0].toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown run '" + args[0] + "': smoke or full");
    }
    Path docs = null;
    Path logs = null;
    String dbosUrl = null;
    String dbosUser = "postgres";
    String dbosSkip = null;
    Set<String> parts = ALL_PARTS;
    List<String> profilers = new ArrayList<>();
    String revision = null;
    for (int i = 1; i < args.length; i++) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--docs" -> docs = Path.of(value);
        case "--logs" -> logs = Path.of(value);
        case "--dbos-url" -> dbosUrl = value;
        case "--dbos-user" -> dbosUser = value;
        case "--dbos-skip" -> dbosSkip = value;
        case "--parts" -> {
          parts = Set.of(value.split(","));
          if (!ALL_PARTS.containsAll(parts)) {
            throw new IllegalArgumentException("unknown part in '" + value + "'");
          }
        }
        case "--prof" -> profilers.add(value);
        case "--revision" -> revision = value;
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    return new BenchOptions(
        profile, docs, logs, dbosUrl, dbosUser, dbosSkip, parts, List.copyOf(profilers), revision);
  }

  boolean runs(String part) {
    return parts.contains(part);
  }

  boolean allParts() {
    return parts.containsAll(ALL_PARTS);
  }
}
