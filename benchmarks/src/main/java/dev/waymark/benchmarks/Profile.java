package dev.waymark.benchmarks;

/**
 * How much measuring a run does. {@code smoke} answers in a few minutes with wide spreads; {@code
 * full} takes longer and has more forks, iterations and repetitions.
 */
public enum Profile {
  SMOKE(1, 5, 5, 500, 3, new PeerReps(5, 2, 30), new PeerReps(3, 1, 10)),
  FULL(3, 10, 10, 1000, 7, new PeerReps(15, 5, 200), new PeerReps(10, 3, 30));

  /** How many measured runs a peer gets per workflow shape. */
  public record PeerReps(int chain1k, int chain10k, int pipeline) {}

  public final int forks;
  public final int warmupIterations;
  public final int iterations;

  /** Iteration time of the JMH benchmarks that are not single-shot. */
  public final int iterationMillis;

  /** Measured resumes per variant (clean/kill x fresh/warm JVM). */
  public final int resumes;

  public final PeerReps dbos;
  public final PeerReps temporal;

  Profile(
      int forks,
      int warmupIterations,
      int iterations,
      int iterationMillis,
      int resumes,
      PeerReps dbos,
      PeerReps temporal) {
    this.forks = forks;
    this.warmupIterations = warmupIterations;
    this.iterations = iterations;
    this.iterationMillis = iterationMillis;
    this.resumes = resumes;
    this.dbos = dbos;
    this.temporal = temporal;
  }

  /** A one-line account for the report. */
  public String describe() {
    return String.format(
        "JMH: %d fork%s x %d measured iterations after %d warm-up ones (%d ms each where not"
            + " single-shot; whole workflows: at least %d warm-up iterations of %d ms); resume: %d"
            + " per variant; DBOS runs: %d / %d / %d; Temporal runs: %d / %d / %d (chain of 1,000"
            + " / 10,000 / pipeline)",
        forks,
        forks == 1 ? "" : "s",
        iterations,
        warmupIterations,
        iterationMillis,
        Math.max(warmupIterations, JmhPart.SLOW_WARMUP_ITERATIONS),
        Math.max(iterationMillis, JmhPart.SLOW_WARMUP_MILLIS),
        resumes,
        dbos.chain1k(),
        dbos.chain10k(),
        dbos.pipeline(),
        temporal.chain1k(),
        temporal.chain10k(),
        temporal.pipeline());
  }
}
