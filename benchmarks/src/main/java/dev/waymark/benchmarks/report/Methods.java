package dev.waymark.benchmarks.report;

/** The "what is measured, and how" part of docs/performance.md. */
final class Methods {
  private Methods() {}

  static final String TEXT =
      """
      ## What is measured, and how

      All storages live in fresh directories under the temp directory. Every JVM that opens
      Chronicle Map gets the flags of the README ("JVM flags") plus
      `-Dchronicle.analytics.disable=true -Dchronicle.announcer.disable=true`; JMH forks and the
      child JVMs run with a fixed heap (`-Xms2g -Xmx2g`; 4 GB for the 1,000,000-step children).

      **Waymark's own figures (JMH, `benchmarks/src/main/java/dev/waymark/benchmarks/jmh`).** The
      workflows are built from `@Step` classes of the benchmark module (`steps/`), compiled by
      Waymark's processor. One run is `waymark.run(workflow, newId)` on a storage opened once per
      fork: it records the DAG, executes, commits every output and records the status. The score is
      the run's time divided by its number of steps. Each run uses a new workflow id; the runs of an
      iteration are deleted after it, outside the timing. Single-shot runs (one workflow per
      iteration) for the 100,000-step shapes; average time over 0.5-1 s iterations for the short
      workflows. Samples are the measured iterations of all forks.

      - *Checkpointed trivial step*: `inc(int) -> int + 1`, a chain of 100,000.
      - *Checkpoint off*: the same chain of a step marked `@Checkpoint(CheckpointMode.FALSE)`:
        nothing is committed but the workflow's output (the DAG and status are still recorded).
      - *Wide DAG*: 100,000 independent `inc(i)` steps fanned into one `sum(Workflow.all(...))` (the
        steps run on the default pool, one thread per core).
      - *Step with a 64 B / 1 KB / 64 KB output*: a chain whose first step creates a `byte[]` of
        that size and whose other steps return it unchanged, so each step serializes and commits
        that many bytes; 100,000 steps (2,000 for 64 KB, which Waymark stores in a file per
        output).
      - *Chains of 1,000 and 10,000, 3-step pipeline*: the shapes the peers run, each a whole
        workflow (claim, then the DAG and statuses in the segment's log and the outputs in its maps).
        A whole workflow runs much more code than a step: on two cores the JIT compiler is still
        compiling it after 5 s, so these three get at least 10 warm-up iterations of 1.5 s.
      - *Recursive continuation*: `sum(n)` returns `add(n, sum(n - 1))` until `n` is 1, factorial
        style: 100,000 levels, each a step that returns the workflow of the level below (its DAG is
        stored) and an addition that waits for it; single shot, the score is per level.

      **Floors (JMH, same run).** *Plain Java call*: the same step bodies as static methods called
      in a loop, each call kept out of line (`@CompilerControl(DONT_INLINE)`). *Raw Chronicle Map
      put*: 100,000 puts (keys 0, 1, 2, ...) of the exact bytes Waymark stores for the output
      (`[kind][crc32c][Kryo bytes]`, built once: no serialization, no checksum) into a
      `ChronicleMap<Long, byte[]>` persisted to a fresh file sized for them, one map per iteration;
      the int is a Kryo-serialized `Integer`, the 1 KB payload a Kryo-serialized `byte[1024]`.
      Chronicle needs a long warm-up (the first ~100,000 puts of a JVM cost 2-7 times more).

      **Resume (plain harness, child JVMs).** A child JVM runs a chain of 1,000,000 trivial steps
      followed by one more step, then (a) that last step throws, the workflow fails and the JVM
      closes the storage cleanly, or (b) that last step blocks and the parent kills the JVM with
      SIGKILL (`kill -9`), leaving the maps open and in need of recovery. Each measured resume
      copies one of the two states (byte for byte, so the killed one is recovered every time) and
      starts a new JVM that times `Waymark.open(storage)` plus `resume(id)` until the body of the
      one step left to run starts (the step records `System.nanoTime()`). *Fresh JVM*: nothing of
      Waymark or Chronicle loaded before (their classes load and initialise at the first map open);
      *JVM with Waymark already loaded*: a 100-step workflow ran on another storage first. The
      files are in the page cache, as they are right after the first process ended.

      **Storage.** The workflow directory of the cleanly closed 1,000,000-step chain: the sum of
      file sizes (apparent) and the blocks the file system allocated (`stat`), per committed step.
      Chronicle Map files are created sparse at their full capacity, so the apparent size can
      exceed what the disk holds; the allocated size is what it holds.

      **Many short workflows (plain harness, child JVMs).** Each workflow is the three-step
      pipeline under its own id. *runAsync*: a JVM submits 100,000 pipelines through `runAsync` at
      once and waits for all, in rounds for 15 s (the warm-up the JMH benchmarks of whole
      workflows get) on a storage it then deletes; then it runs one pipeline and one more round on
      a new storage. The figure is that round's time from the first submission to the last result,
      per workflow (the very first round, shown too, runs while the JIT compiler is at work).
      *Disk*: the storage of that last round, in blocks the file system allocated (`stat`) and in
      file sizes, divided by the workflows it holds. *list()*: a
      JVM runs 1,000,000 pipelines one after another; then each measured JVM times
      `Waymark.open` and one `list()`, which must return all of them. *resumeAll*: a JVM starts
      10,000 pipelines behind a step that blocks, and is killed with SIGKILL once `list()` sees
      all 10,000 recorded; a new JVM then times `Waymark.open` plus `resumeAll(false)` until all
      10,000 returned their result (the JVM's own start is not included).

      **Peers (child JVMs, same run).** Each step is a real, individually checkpointed unit of that
      system, with the same bodies as the Waymark steps.

      - *DBOS Transact for Java* on PostgreSQL on 127.0.0.1 (a throwaway cluster in a temp
        directory, default settings, so `fsync` and `synchronous_commit` are on). One `DBOS`
        instance; the workflows are called through the proxy from `registerProxy` and each step is
        a `runStep` call, whose output DBOS writes to PostgreSQL before the next step. Warm-up: 3
        chains of 1,000 and 30 pipelines, not timed. Timed: the call of the workflow to its result.
      - *Temporal Java SDK* on its in-process test server (`TestWorkflowEnvironment`), each step an
        activity (normal activities: local activities are not checkpointed per step). A fresh
        environment per measured run, created outside the timing; warm-up in a throwaway one.
        Timed: the workflow stub call to its result. Temporal's per-step cost grows with the
        history; a real Temporal server would refuse the 10,000-activity history (default limit
        51,200 events, about 6 per activity).

      **Ratios** divide medians of this run; "from quartiles" is p25/p75 to p75/p25 of the two
      figures. They are comparable only within one run: run `./bench.sh` again on your machine
      rather than comparing with figures taken elsewhere.
      """;
}
