package dev.waymark.torture;

import dev.waymark.Waymark;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.WorkflowNotFoundException;
import dev.waymark.torture.InvariantChecker.Rule;
import dev.waymark.torture.InvariantChecker.Violation;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The crash-torture harness. Each round picks a seed, runs its workflow uninterrupted in this JVM
 * (on its own storage) for the expected result, then runs it in child JVMs under one workflow id on
 * a fresh storage: each child is killed with SIGKILL at a random moment (once its log has grown by
 * a random number of lines, plus 0 to 15 ms; now and then during start-up and recovery instead),
 * the next one resumes, and the last one runs to the end. After each kill, with no child running,
 * it asks the storage which started tasks are committed; the {@link InvariantChecker} does the
 * rest.
 */
public final class TortureHarness {
  /**
   * The most kills per round: a kill counts as a failed attempt of every step in flight, and the
   * steps' retries (at least 25) must outlast the kills plus their planned failures.
   */
  public static final int MAX_KILLS_PER_ROUND = 20;

  /** The workflow id every child runs. */
  public static final String WORKFLOW_ID = "torture";

  /**
   * Settings.
   *
   * @param workDir where rounds keep their storage and logs (a directory per round)
   * @param kills the total number of kills to reach
   * @param killsPerRound kills per round (the last child of a round always completes)
   * @param seed the master seed: it picks each round's workflow seed and kill plan
   * @param parallelism step threads in each workflow run
   * @param childTimeout the longest a child may run
   * @param keep keep every round's directory (otherwise only those of rounds with violations)
   * @param snapshots copy the storage after each kill, before anything opens it, for forensics
   * @param verbose print a line per child
   * @param tolerated rules whose violations are counted and printed apart, not as failures: known
   *     runtime issues waiting for a fix
   * @param out where progress goes
   */
  public record Config(
      Path workDir,
      int kills,
      int killsPerRound,
      long seed,
      int parallelism,
      Duration childTimeout,
      boolean keep,
      boolean snapshots,
      boolean verbose,
      Set<Rule> tolerated,
      PrintStream out) {
    public Config {
      tolerated = Set.copyOf(tolerated);
      if (kills < 0
          || killsPerRound < 1
          || killsPerRound > MAX_KILLS_PER_ROUND
          || parallelism < 1) {
        throw new IllegalArgumentException(
            "need kills >= 0, killsPerRound in 1.."
                + MAX_KILLS_PER_ROUND
                + " (each kill may cost an attempt of the steps in flight) and parallelism >= 1");
      }
    }
  }

  /**
   * One child JVM.
   *
   * @param mode {@code run} or {@code resume}
   * @param killRequested whether the harness killed it (it may have finished just before)
   * @param exitCode 137 when SIGKILL ended it
   * @param lines the lines of its execution log
   */
  public record ChildRun(
      int index, String mode, boolean killRequested, int exitCode, long lines, long millis) {
    public boolean killed() {
      return killRequested && exitCode == 137;
    }
  }

  /** One round: a workflow seed, its kills, and what was found. */
  public record RoundResult(
      int round,
      long seed,
      String shape,
      List<ChildRun> children,
      boolean completed,
      List<Violation> violations,
      Set<Rule> tolerated,
      Path dir,
      long millis) {
    public int kills() {
      return (int) children.stream().filter(ChildRun::killed).count();
    }

    /** The violations that fail the run. */
    public List<Violation> failures() {
      return violations.stream().filter(v -> !tolerated.contains(v.rule())).toList();
    }

    /** The violations of tolerated rules (known runtime issues). */
    public List<Violation> known() {
      return violations.stream().filter(v -> tolerated.contains(v.rule())).toList();
    }

    public String progressLine() {
      StringBuilder at = new StringBuilder();
      for (ChildRun child : children) {
        if (child.killed()) {
          at.append(at.length() == 0 ? "" : ", ").append(child.lines());
        }
      }
      return String.format(
          "round %d: seed %d, %s: %d kill(s) after [%s] log lines, %d children, %s, %d violation(s)%s,"
              + " %.1f s",
          round,
          seed,
          shape,
          kills(),
          at,
          children.size(),
          completed ? "completed" : "NOT completed",
          failures().size(),
          known().isEmpty() ? "" : " + " + known().size() + " tolerated known issue(s)",
          millis / 1000.0);
    }
  }

  /** The whole run. */
  public record Summary(long seed, List<RoundResult> rounds) {
    public int kills() {
      return rounds.stream().mapToInt(RoundResult::kills).sum();
    }

    /** Violations that fail the run. */
    public int violations() {
      return rounds.stream().mapToInt(r -> r.failures().size()).sum();
    }

    /** Violations of tolerated rules. */
    public int known() {
      return rounds.stream().mapToInt(r -> r.known().size()).sum();
    }

    public String line() {
      return "kills survived: "
          + kills()
          + ", rounds: "
          + rounds.size()
          + ", violations: "
          + violations()
          + (known() > 0 ? ", tolerated known runtime issues: " + known() : "");
    }
  }

  private final Config config;

  /**
   * How long a child takes from its start to its first step (JVM start, storage open, recovery), a
   * moving average: kills during start-up land within it.
   */
  private double startupMillis = 1500;

  public TortureHarness(Config config) {
    this.config = config;
  }

  /** Runs rounds until the kills are reached. */
  public Summary run() throws IOException, InterruptedException {
    Random master = new Random(config.seed());
    List<RoundResult> rounds = new ArrayList<>();
    int kills = 0;
    int maxRounds = Math.max(10, 3 * config.kills());
    while (kills < config.kills() && rounds.size() < maxRounds) {
      int want = Math.min(config.killsPerRound(), config.kills() - kills);
      RoundResult round =
          runRound(rounds.size() + 1, master.nextLong(), want, new Random(master.nextLong()));
      rounds.add(round);
      kills += round.kills();
      config.out().println(round.progressLine());
      for (Violation violation : round.violations()) {
        config
            .out()
            .println(
                (config.tolerated().contains(violation.rule())
                        ? "  known issue, tolerated (round seed "
                        : "  VIOLATION (round seed ")
                    + round.seed()
                    + ") "
                    + violation);
      }
      if (!round.failures().isEmpty()) {
        config.out().println("  kept " + round.dir());
      } else if (!config.keep()) {
        deleteRecursively(round.dir());
      }
      config.out().flush();
    }
    return new Summary(config.seed(), rounds);
  }

  /** One round of the workflow of {@code seed}, killed {@code wantKills} times. */
  public RoundResult runRound(int round, long seed, int wantKills, Random random)
      throws IOException, InterruptedException {
    long began = System.nanoTime();
    Path dir = config.workDir().resolve(String.format("round-%03d", round));
    Files.createDirectories(dir);
    Shape shape = Shape.of(seed);
    List<Violation> violations = new ArrayList<>();
    long uninterruptedLines = runUninterrupted(shape, dir.resolve("uninterrupted"), violations);
    long expected = shape.result();

    InvariantChecker checker = new InvariantChecker(shape.policies());
    Path storage = dir.resolve("storage");
    List<ChildRun> children = new ArrayList<>();
    int killsDone = 0;
    boolean recorded = false;
    boolean completed = false;
    int toleratedFailures = 0;
    for (int i = 0; ; i++) {
      if (i > wantKills + 10) {
        checker.report(Rule.CHILD, null, "the round did not complete after " + i + " children");
        break;
      }
      String mode = recorded && random.nextBoolean() ? "resume" : "run";
      Path log = dir.resolve("child-" + i + ".log");
      Path out = dir.resolve("child-" + i + ".out");
      long started = System.nanoTime();
      Process process =
          ChildJvm.start(
              out,
              TortureChild.class,
              List.of(
                  storage.toString(),
                  log.toString(),
                  Long.toString(seed),
                  WORKFLOW_ID,
                  mode,
                  Integer.toString(config.parallelism())));
      boolean killRequested = false;
      if (killsDone < wantKills) {
        double progress = checker.completedCount() / (double) shape.tasks().size();
        long remaining = Math.max(10, Math.round(uninterruptedLines * (1 - progress)));
        killRequested = killAtRandomMoment(process, log, remaining, wantKills - killsDone, random);
      }
      if (!process.waitFor(config.childTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        checker.report(
            Rule.CHILD,
            null,
            "child " + i + " ran longer than " + config.childTimeout() + ": hung?");
        break;
      }
      int exit = process.exitValue();
      String content = Files.exists(log) ? Files.readString(log) : "";
      boolean killed = killRequested && exit == 137;
      checker.addChild(content, killed);
      children.add(
          new ChildRun(
              i,
              mode,
              killRequested,
              exit,
              content.chars().filter(c -> c == '\n').count(),
              (System.nanoTime() - started) / 1_000_000));
      ChildRun run = children.get(children.size() - 1);
      if (config.verbose()) {
        config
            .out()
            .printf(
                "  child %d (%s): %s after %d log lines, exit %d, %d ms%n",
                i, mode, killed ? "killed" : "ended", run.lines(), exit, run.millis());
        config.out().flush();
      }
      if (killed) {
        killsDone++;
        if (config.snapshots() && Files.exists(storage)) {
          copyRecursively(storage, dir.resolve("storage-after-kill-" + killsDone));
        }
        recorded = inspect(storage, checker, false);
        continue;
      }
      if (exit == 0) {
        completed = inspectAtEnd(storage, checker, expected, Files.readString(out));
        break;
      }
      String output = Files.readString(out);
      Rule rule = classifyFailure(output);
      checker.report(
          rule,
          null,
          "child "
              + i
              + " ("
              + mode
              + ") exited with "
              + exit
              + (killRequested ? " though only a kill was expected" : "")
              + (rule == Rule.CHILD
                  ? "; its output ends with:\n" + tail(output, 40)
                  : ": "
                      + output
                          .lines()
                          .filter(l -> l.startsWith("failed="))
                          .findFirst()
                          .orElse("")));
      if (exit == 3 && config.tolerated().contains(rule) && ++toleratedFailures <= 3) {
        // A known runtime issue failed the workflow: resume it, and check the rest.
        recorded = inspect(storage, checker, true);
        continue;
      }
      break;
    }
    violations.addAll(checker.violations());
    return new RoundResult(
        round,
        seed,
        shape.describe(),
        List.copyOf(children),
        completed,
        List.copyOf(violations),
        config.tolerated(),
        dir,
        (System.nanoTime() - began) / 1_000_000);
  }

  /**
   * Runs the workflow uninterrupted in this JVM, on its own storage, and checks its log and result
   * against the model. Returns the number of lines it logged.
   */
  private long runUninterrupted(Shape shape, Path dir, List<Violation> violations)
      throws IOException {
    Files.createDirectories(dir);
    Path log = dir.resolve("steps.log");
    InvariantChecker checker = new InvariantChecker(shape.policies());
    Long result = null;
    Set<String> stored = new HashSet<>();
    try (EventLog events = new EventLog(log)) {
      Torture.logTo(events);
      try (Waymark waymark =
          Waymark.builder()
              .storage(dir.resolve("storage"))
              .parallelism(config.parallelism())
              .build()) {
        result = waymark.run(Workflows.of(shape), WORKFLOW_ID);
        Set<String> unresolvable = new HashSet<>();
        for (Shape.Node task : shape.tasks()) {
          Boolean isStored = stored(waymark, task.id());
          if (isStored == null) {
            unresolvable.add(task.id());
          } else if (isStored) {
            stored.add(task.id());
          }
        }
        checker.unresolvable(unresolvable);
      } catch (RuntimeException e) {
        checker.report(Rule.CHILD, null, "the run failed: " + e);
      } finally {
        Torture.logTo(null);
      }
    }
    String content = Files.readString(log);
    checker.addChild(content, false);
    if (result != null) {
      checker.finish(stored);
      if (result != shape.result()) {
        checker.report(
            Rule.RESULT, null, "returned " + result + ", the model says " + shape.result());
      }
    }
    for (Violation v : checker.violations()) {
      violations.add(new Violation(v.rule(), -1, v.task(), "uninterrupted run: " + v.detail()));
    }
    return content.chars().filter(c -> c == '\n').count();
  }

  /**
   * Waits for a random moment and kills the child; false when it ended by itself first. Usually the
   * moment is when its log has grown by a random number of lines (spread so that the round's kills
   * cover the whole run), plus 0 to 15 ms; one time in twelve it is a random time before the first
   * step, while the JVM starts and the storage opens and recovers.
   */
  private boolean killAtRandomMoment(
      Process process, Path log, long remainingLines, int killsLeft, Random random)
      throws IOException, InterruptedException {
    long started = System.nanoTime();
    long deadline = started + config.childTimeout().toNanos();
    if (random.nextInt(12) == 0) {
      process.waitFor((long) (random.nextDouble() * startupMillis), TimeUnit.MILLISECONDS);
    } else {
      long span = Math.max(1, 3 * remainingLines / (2 * (killsLeft + 1)));
      long target = 1 + (long) (random.nextDouble() * span);
      boolean firstLine = false;
      try (LineCounter lines = new LineCounter(log)) {
        long count;
        while (process.isAlive()
            && (count = lines.count()) < target
            && System.nanoTime() < deadline) {
          if (!firstLine && count > 0) {
            firstLine = true;
            noteStartup(started);
          }
          LockSupport.parkNanos(200_000);
        }
        if (!firstLine && lines.count() > 0) {
          noteStartup(started);
        }
      }
      process.waitFor(random.nextInt(16), TimeUnit.MILLISECONDS);
    }
    if (!process.isAlive()) {
      return false;
    }
    process.destroyForcibly();
    return true;
  }

  private void noteStartup(long startedNanos) {
    startupMillis = 0.8 * startupMillis + 0.2 * (System.nanoTime() - startedNanos) / 1e6;
  }

  /**
   * After a kill (or a tolerated failure): the workflow's status, and which started tasks are
   * committed now. Returns whether the workflow is recorded.
   */
  private static boolean inspect(Path storage, InvariantChecker checker, boolean failed) {
    try (Waymark waymark = Waymark.open(storage)) {
      WorkflowStatus status;
      try {
        status = waymark.getStatus(WORKFLOW_ID);
      } catch (WorkflowNotFoundException e) {
        if (!checker.startedTasks().isEmpty()) {
          checker.report(
              Rule.CHILD, null, "steps ran, but after the kill no workflow is recorded: " + e);
        }
        return false;
      }
      if (status == WorkflowStatus.FAILED && !failed) {
        // It failed before the kill (which came before the child printed why): the reason is
        // stored with the status.
        String reason;
        try {
          waymark.getOutput(WORKFLOW_ID);
          reason = "(no reason stored)";
        } catch (RuntimeException e) {
          reason = e.toString();
        }
        checker.report(
            classifyFailure(reason), null, "the workflow failed before the kill: " + reason);
      } else if (status != WorkflowStatus.RESUMABLE
          && status != WorkflowStatus.SUCCESSFUL
          && status != WorkflowStatus.FAILED) {
        checker.report(Rule.CHILD, null, "after the kill the workflow is " + status);
      }
      checker.committed(storedTasks(waymark, checker, checker.committedTasks()));
      return true;
    } catch (RuntimeException e) {
      checker.report(Rule.CHILD, null, "reading the storage after the kill failed: " + e);
      return true;
    }
  }

  /**
   * Which started tasks, other than {@code known}, have a stored output now; tasks the storage
   * cannot resolve by id are handed to the checker.
   */
  private static Set<String> storedTasks(
      Waymark waymark, InvariantChecker checker, Set<String> known) {
    Set<String> stored = new HashSet<>();
    Set<String> unresolvable = new HashSet<>();
    for (String task : List.copyOf(checker.startedTasks())) {
      if (!known.contains(task)) {
        Boolean isStored = stored(waymark, checker.runtimeId(task));
        if (isStored == null) {
          unresolvable.add(task);
        } else if (isStored) {
          stored.add(task);
        }
      }
    }
    checker.unresolvable(unresolvable);
    return stored;
  }

  /** What a failed child's output says went wrong. */
  static Rule classifyFailure(String output) {
    return output.contains("CheckpointCorruptedException: ")
            && output.contains(", though one was stored: records were lost")
        ? Rule.VALUE_MISSING_ON_RESUME
        : Rule.CHILD;
  }

  /** After the last child: status, output, and the stored tasks. Returns whether all is right. */
  private static boolean inspectAtEnd(
      Path storage, InvariantChecker checker, long expected, String childOutput) {
    boolean right = true;
    String printed =
        childOutput
            .lines()
            .filter(l -> l.startsWith("result="))
            .findFirst()
            .map(l -> l.substring("result=".length()))
            .orElse(null);
    if (!Long.toString(expected).equals(printed)) {
      checker.report(
          Rule.RESULT, null, "the last child printed result " + printed + ", expected " + expected);
      right = false;
    }
    try (Waymark waymark = Waymark.open(storage)) {
      WorkflowStatus status = waymark.getStatus(WORKFLOW_ID);
      if (status != WorkflowStatus.SUCCESSFUL) {
        checker.report(Rule.CHILD, null, "after the last child the workflow is " + status);
        right = false;
      }
      Long output = waymark.getOutput(WORKFLOW_ID);
      if (output == null || output != expected) {
        checker.report(
            Rule.RESULT, null, "the stored output is " + output + ", expected " + expected);
        right = false;
      }
      checker.finish(storedTasks(waymark, checker, Set.of()));
    } catch (RuntimeException e) {
      checker.report(Rule.CHILD, null, "reading the storage at the end failed: " + e);
      right = false;
    }
    return right;
  }

  /**
   * Whether the task's output (a continuation's: its DAG) is stored, by the public API; null when
   * the storage has no task by that id.
   */
  private static Boolean stored(Waymark waymark, String task) {
    try {
      return waymark.getMetadata(WORKFLOW_ID, task).start() != null;
    } catch (WorkflowNotFoundException e) {
      return null;
    }
  }

  private static String tail(String text, int lines) {
    List<String> all = text.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** Deletes a directory tree. */
  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void copyRecursively(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  /** Counts the lines of a file another process appends to, reading only what is new. */
  private static final class LineCounter implements AutoCloseable {
    private final Path file;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    private FileChannel channel;
    private long lines;

    LineCounter(Path file) {
      this.file = file;
    }

    long count() throws IOException {
      if (channel == null) {
        try {
          channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException notYet) {
          return 0;
        }
      }
      while (true) {
        buffer.clear();
        int n = channel.read(buffer);
        if (n <= 0) {
          return lines;
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
          if (buffer.get() == '\n') {
            lines++;
          }
        }
      }
    }

    @Override
    public void close() throws IOException {
      if (channel != null) {
        channel.close();
      }
    }
  }
}
