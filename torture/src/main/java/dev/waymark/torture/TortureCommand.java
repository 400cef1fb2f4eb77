package dev.waymark.torture;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line of the torture harness; {@code ./torture.sh --help} lists the options. */
@Command(
    name = "torture",
    mixinStandardHelpOptions = true,
    description = {
      "Runs randomized Waymark workflows in child JVMs, kills them with SIGKILL at random moments,"
          + " resumes them, and checks that nothing committed runs again, that retries stay within"
          + " their limits, that every value read is one that was written, and that each result is"
          + " the uninterrupted run's.",
      "Exits with 1 when an invariant was violated."
    })
public final class TortureCommand implements Callable<Integer> {
  @Option(names = "--kills", description = "Total kills (default: ${DEFAULT-VALUE}).")
  int kills = 500;

  @Option(
      names = "--kills-per-round",
      description = "Kills per workflow run; its last child completes (default: ${DEFAULT-VALUE}).")
  int killsPerRound = 5;

  @Option(names = "--seed", description = "Master seed (default: time-based; printed).")
  Long seed;

  @Option(
      names = "--dir",
      description = "Work directory (default: a new temporary directory, deleted at the end).")
  Path dir;

  @Option(
      names = "--keep",
      description =
          "Keep every round's storage and logs (otherwise only those of rounds with violations).")
  boolean keep;

  @Option(
      names = "--snapshots",
      description =
          "Copy the storage after each kill, before anything opens it, into the round's"
              + " directory (for forensics).")
  boolean snapshots;

  @Option(names = "--verbose", description = "Print a line per child JVM.")
  boolean verbose;

  @Option(
      names = "--tolerate",
      split = ",",
      paramLabel = "RULE",
      description =
          "Violations of these rules are printed and counted apart, without failing the run (known"
              + " runtime issues). Rules: ${COMPLETION-CANDIDATES}.")
  Set<InvariantChecker.Rule> tolerate = EnumSet.noneOf(InvariantChecker.Rule.class);

  @Option(
      names = "--parallelism",
      description = "Step threads of each workflow run (default: ${DEFAULT-VALUE}).")
  int parallelism = 4;

  @Option(
      names = "--child-timeout",
      description =
          "Seconds a child JVM may run before it counts as hung (default: ${DEFAULT-VALUE}).")
  int childTimeoutSeconds = 120;

  private final PrintStream out;

  TortureCommand(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new TortureCommand(System.out)).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    long masterSeed = seed != null ? seed : System.nanoTime() ^ System.currentTimeMillis();
    boolean temporary = dir == null;
    Path workDir = temporary ? Files.createTempDirectory("waymark-torture-") : dir;
    Files.createDirectories(workDir);
    out.printf(
        "torture: seed %d, %d kills, %d per round, parallelism %d, work directory %s%n",
        masterSeed, kills, killsPerRound, parallelism, workDir);
    TortureHarness harness =
        new TortureHarness(
            new TortureHarness.Config(
                workDir,
                kills,
                killsPerRound,
                masterSeed,
                parallelism,
                Duration.ofSeconds(childTimeoutSeconds),
                keep,
                snapshots,
                verbose,
                tolerate,
                out));
    long began = System.nanoTime();
    TortureHarness.Summary summary = harness.run();
    if (temporary && !keep && summary.violations() == 0) {
      TortureHarness.deleteRecursively(workDir);
    }
    out.printf("seed %d, %.0f s%n", masterSeed, (System.nanoTime() - began) / 1e9);
    out.println(summary.line());
    out.flush();
    return summary.violations() == 0 ? 0 : 1;
  }
}
