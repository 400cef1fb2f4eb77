package dev.waymark.benchmarks.report;

/**
 * docs/performance.md: the latest tables, how to reproduce them, the machine they come from and
 * what each figure measures. Written whole by the harness on every complete run.
 */
public final class Report {
  /** How the run was made: {@code smoke} or {@code full}, its settings and how long it took. */
  public record RunInfo(String mode, String settings, long seconds) {}

  private Report() {}

  /** The tables alone, as printed at the end of a run. */
  public static String tables(Results results) {
    return "### Targets\n\n"
        + Tables.targets(results)
        + "\n### Per-step cost\n\n"
        + Tables.perStep(results)
        + "\n### Side by side with the peers (same run)\n\n"
        + Tables.sideBySide(results)
        + "\n### Ratios (figures of this run)\n\n"
        + Tables.ratios(results)
        + "\n### Resume\n\n"
        + Tables.resume(results)
        + "\n### Storage\n\n"
        + Tables.storage(results)
        + "\n### Many short workflows\n\n"
        + Tables.many(results);
  }

  public static String markdown(Results results, MachineInfo machine, RunInfo run) {
    return """
        # Performance

        What a Waymark step costs, next to the hardware floor (a plain Java call, a raw Chronicle
        Map put) and next to two peers (DBOS Transact, Temporal), with figures anyone can
        reproduce. Every figure is a median with its spread; every ratio is computed from figures
        taken side by side in the same run. This page is written by the benchmark harness
        (`benchmarks/`): do not edit it by hand, run it again.

        ## How to reproduce

        ```bash
        ./bench.sh smoke   # a few minutes: 1 JMH fork, few iterations and repetitions
        ./bench.sh full    # longer: 3 JMH forks, more iterations and repetitions
        ```

        `bench.sh` builds `benchmarks/target/benchmarks.jar` (`mvn -DskipTests package`), starts a
        throwaway PostgreSQL for DBOS on 127.0.0.1 in a temp directory (it installs the Debian
        package `postgresql` first when it is missing and it runs as root; it stops the server on
        exit), then runs `java -jar benchmarks/target/benchmarks.jar smoke|full --docs docs`, which
        prints the tables and rewrites this page and `performance.svg`. It needs a JDK 17+ and
        Maven; the peers come from Maven Central as dependencies of the benchmark module only.
        Without PostgreSQL the DBOS rows say why they were not measured. Extra arguments go to the
        harness: `./bench.sh smoke --parts jmh,resume` runs only some parts (and leaves this page
        as it is). The JMH benchmarks alone: `java -cp benchmarks/target/benchmarks.jar
        org.openjdk.jmh.Main ChainBenchmark -prof gc` (allocation per step); the benchmarks carry
        the JVM flags Chronicle needs, which a `-jvmArgsAppend` on that command line would
        replace.

        ## Latest run

        """
        + "- mode: `"
        + run.mode()
        + "` ("
        + run.settings()
        + "), "
        + minutes(run.seconds())
        + " for the harness\n"
        + "- date: "
        + machine.date()
        + "\n- machine: "
        + machine.cores()
        + " cores ("
        + machine.cpu()
        + "), "
        + Format.bytes(machine.memoryBytes()).replace(".0 ", " ")
        + " of memory, "
        + machine.os()
        + ", temp directory on "
        + machine.tempFileSystem()
        + "\n- JDK: "
        + machine.jdk()
        + "\n- system load average (1 min) at the start and the end of the run: "
        + orUnknown(results.info("load.start"))
        + " and "
        + orUnknown(results.info("load.end"))
        + " (the benchmark itself keeps one or two cores busy; more means other processes shared"
        + " the machine, which widens the spreads)"
        + "\n- versions: Waymark "
        + orUnknown(results.info("waymark.version"))
        + (results.info("waymark.revision") == null
            ? ""
            : " (" + results.info("waymark.revision") + ")")
        + ", JMH "
        + orUnknown(results.info("jmh.version"))
        + ", DBOS Transact "
        + orUnknown(results.info("dbos.version"))
        + " on "
        + orUnknown(results.info("postgres.version"))
        + ", Temporal SDK "
        + orUnknown(results.info("temporal.version"))
        + "\n\n![Per-step cost, log scale](performance.svg)\n\n"
        + tables(results)
        + "\n"
        + Methods.TEXT;
  }

  private static String minutes(long seconds) {
    return seconds < 120
        ? seconds + " s"
        : String.format("%d min %02d s", seconds / 60, seconds % 60);
  }

  private static String orUnknown(String value) {
    return value == null ? "unknown" : value;
  }
}
