package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.exceptions.CheckpointCorruptedException;
import dev.waymark.exceptions.StorageException;
import dev.waymark.test.ChildJvm;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damage trials, one file at a time, from the public API: a storage left by a SIGKILL, and one
 * after a clean finish, each get every file of the storage flipped at a seeded random byte,
 * truncated at a seeded random length, deleted, replaced by an older copy of itself, and replaced
 * by another workflow's copy; then the workflow is resumed (or run again). Each trial ends in one
 * of five outcomes, counted and printed; only the first two may occur: the correct result, or an
 * exception that names the damaged storage. Never a wrong value, never a committed step run again,
 * never a hang.
 */
class DamageTrialsTest {
  /** Seeded, so a failure is repeated by running again; -Ddamage.seed explores other seeds. */
  private static final long SEED = Long.getLong("damage.seed", 20261202L);

  /** How often each record map is flipped and truncated; -Ddamage.repeats runs more trials. */
  private static final int MAP_REPEATS = Integer.getInteger("damage.repeats", 12);

  private static final Duration TRIAL_LIMIT = Duration.ofSeconds(30);

  enum Outcome {
    CORRECT,
    NAMED,
    /** An exception that does not name the damaged storage ("has no stored output"). */
    UNNAMED,
    WRONG,
    RERAN,
    HANG
  }

  enum Damage {
    FLIP,
    TRUNCATE,
    DELETE,
    OLDER_COPY,
    OTHER_WORKFLOWS_COPY
  }

  @TempDir static Path dir;

  /** The storage with steps 0-2 committed, with 0-4 committed (killed), and finished. */
  static Path early;

  static Path killed;
  static Path clean;
  static ExecutorService trials = Executors.newCachedThreadPool(daemons());

  @BeforeAll
  static void buildTheStatesToDamage() throws Exception {
    Path storage = dir.resolve("storage");
    child(storage, "other", "run", -1);
    early = child(storage, "w", "run", 3);
    killed = child(storage, "w", "resume", 5);
    clean = child(storage, "w", "resume", -1);
  }

  @AfterAll
  static void stopTrials() {
    trials.shutdownNow();
  }

  @Test
  void damageAfterAKillIsNamedOrRepairedNeverAbsorbed() throws Exception {
    runTrials("after a kill", killed, early, 4);
  }

  @Test
  void damageAfterACleanFinishIsNamedNeverAbsorbed() throws Exception {
    runTrials("after a clean finish", clean, killed, 6);
  }

  private void runTrials(String state, Path base, Path older, int committedUpTo) throws Exception {
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    List<String> bad = new ArrayList<>();
    Random random = new Random(SEED + committedUpTo);
    int trial = 0;
    for (Path file : files(base)) {
      for (Damage damage : plan(file)) {
        Path copy = dir.resolve("trial-" + committedUpTo + "-" + trial++);
        copyTree(base, copy);
        Path relative = base.relativize(file);
        String applied = apply(damage, copy.resolve(relative), relative, older, random);
        if (applied == null) {
          continue; // not applicable to this file
        }
        Result result = attempt(copy, committedUpTo);
        counts.merge(result.outcome, 1, Integer::sum);
        if (Boolean.getBoolean("damage.verbose")) {
          System.out.println(
              result.outcome + " " + relative + " " + applied + " -> " + result.detail);
        }
        if (result.outcome.compareTo(Outcome.NAMED) > 0) {
          bad.add(result.outcome + ": " + relative + " " + applied + " -> " + result.detail);
        }
      }
    }
    System.out.println(
        "damage trials "
            + state
            + ": "
            + counts
            + " (correct result and named exception are the only allowed outcomes)");
    assertTrue(counts.getOrDefault(Outcome.CORRECT, 0) > 0, "some damage is harmless");
    assertTrue(counts.getOrDefault(Outcome.NAMED, 0) > 0, "some damage is named");
    assertEquals(List.of(), bad);
  }

  /**
   * The damage one file gets: a record map, where most of the state is, many flips and truncations
   * at different places; every other file one of each; every file each other damage.
   */
  private static List<Damage> plan(Path file) {
    int repeats = file.getFileName().toString().endsWith(".cmap") ? MAP_REPEATS : 1;
    List<Damage> plan = new ArrayList<>();
    for (int i = 0; i < repeats; i++) {
      plan.add(Damage.FLIP);
      plan.add(Damage.TRUNCATE);
    }
    plan.addAll(List.of(Damage.DELETE, Damage.OLDER_COPY, Damage.OTHER_WORKFLOWS_COPY));
    return plan;
  }

  /** Applies {@code damage} to {@code file}; says what was done, or null when it does not apply. */
  private static String apply(Damage damage, Path file, Path relative, Path older, Random random)
      throws IOException {
    switch (damage) {
      case FLIP -> {
        long length = Files.size(file);
        if (length == 0) {
          return null;
        }
        // Half the flips hit a byte in use (not zero): most of a fresh map file is empty space.
        long at =
            random.nextBoolean() ? usedByte(file, random) : (long) (random.nextDouble() * length);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
          raf.seek(at);
          int b = raf.read();
          raf.seek(at);
          raf.write(~b);
        }
        return "flipped at byte " + at + " of " + length;
      }
      case TRUNCATE -> {
        long length = Files.size(file);
        if (length == 0) {
          return null;
        }
        long to = (long) (random.nextDouble() * length);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
          raf.setLength(to);
        }
        return "truncated to " + to + " of " + length + " bytes";
      }
      case DELETE -> {
        Files.delete(file);
        return "deleted";
      }
      case OLDER_COPY -> {
        Path then = older.resolve(relative);
        if (!Files.exists(then)) {
          return null;
        }
        Files.copy(then, file, StandardCopyOption.REPLACE_EXISTING);
        return "replaced by its older copy";
      }
      case OTHER_WORKFLOWS_COPY -> {
        if (!relative.startsWith(Path.of("workflows", "w"))) {
          return null;
        }
        Path source = file.getParent().getParent().resolve("other").resolve(relative.getFileName());
        if (!Files.exists(source)) {
          return null;
        }
        Files.copy(source, file, StandardCopyOption.REPLACE_EXISTING);
        return "replaced by workflow other's copy";
      }
      default -> throw new AssertionError(damage);
    }
  }

  /** A seeded random position among the file's non-zero bytes. */
  private static long usedByte(Path file, Random random) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int used = 0;
    for (byte b : bytes) {
      used += b != 0 ? 1 : 0;
    }
    int pick = used == 0 ? 0 : random.nextInt(used);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != 0 && pick-- == 0) {
        return i;
      }
    }
    return 0;
  }

  private record Result(Outcome outcome, String detail) {}

  /** Resumes (or runs again) workflow w on {@code storage}, within the trial's time limit. */
  private static Result attempt(Path storage, int committedUpTo) throws Exception {
    for (int step = 0; step < DamageSteps.RUNS.length(); step++) {
      DamageSteps.RUNS.set(step, 0);
    }
    Future<Object> run =
        trials.submit(
            () -> {
              try (Waymark waymark =
                  Waymark.builder().storage(storage).stopGracePeriod(Duration.ZERO).build()) {
                return waymark.run(DamageSteps.chain("w"), "w");
              }
            });
    Result result;
    try {
      Object out = run.get(TRIAL_LIMIT.toSeconds(), TimeUnit.SECONDS);
      result =
          out.equals(DamageSteps.expected("w"))
              ? new Result(Outcome.CORRECT, "")
              : new Result(Outcome.WRONG, String.valueOf(out));
    } catch (TimeoutException e) {
      run.cancel(true);
      return new Result(Outcome.HANG, "no answer in " + TRIAL_LIMIT);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      boolean named =
          (cause instanceof CheckpointCorruptedException || cause instanceof StorageException)
              && cause.getMessage().contains(storage.toString());
      result =
          named
              ? new Result(Outcome.NAMED, cause.getMessage())
              : new Result(Outcome.UNNAMED, String.valueOf(cause));
    }
    for (int step = 0; step <= committedUpTo; step++) {
      if (DamageSteps.RUNS.get(step) > 0) {
        return new Result(Outcome.RERAN, "committed step " + step + " ran again; " + result);
      }
    }
    return result;
  }

  /** Every regular file of the storage, sorted. */
  private static List<Path> files(Path storage) throws IOException {
    try (Stream<Path> walk = Files.walk(storage)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** Runs the chain in a child JVM, killed at {@code holdAt} unless -1; returns a copy of it. */
  private static Path child(Path storage, String id, String mode, int holdAt) throws Exception {
    Path out = dir.resolve(id + "-" + mode + "-" + holdAt + ".out");
    Process process =
        ChildJvm.start(
            out,
            true,
            List.of("-Ddamage.holdAt=" + holdAt),
            List.of(),
            DamageProgram.class.getName(),
            storage.toString(),
            id,
            mode);
    if (holdAt >= 0) {
      ChildJvm.awaitLine(process, out, "HELD " + holdAt, Duration.ofSeconds(120));
      process.destroyForcibly();
      process.waitFor();
    } else {
      assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the child finished");
      assertEquals(0, process.exitValue(), Files.readString(out));
    }
    Path copy = dir.resolve("state-" + id + "-" + mode + "-" + holdAt);
    copyTree(storage, copy);
    return copy;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(source));
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemons() {
    return runnable -> {
      Thread thread = new Thread(runnable, "damage-trial");
      thread.setDaemon(true);
      return thread;
    };
  }
}
