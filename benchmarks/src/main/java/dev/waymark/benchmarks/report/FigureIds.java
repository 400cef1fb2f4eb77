package dev.waymark.benchmarks.report;

/**
 * The names of the figures, shared by the parts that measure them and the report. Time figures are
 * nanoseconds per step, resume figures nanoseconds per resume, storage figures bytes per step.
 */
public final class FigureIds {
  public static final String CALL_1K = "floor.call.chain1k";
  public static final String CALL_10K = "floor.call.chain10k";
  public static final String CALL_100K = "floor.call.chain100k";
  public static final String CALL_PIPELINE = "floor.call.pipeline";
  public static final String PUT_INT = "floor.put.int";
  public static final String PUT_1K = "floor.put.1k";

  public static final String CHAIN_100K = "waymark.chain100k";
  public static final String CHECKPOINT_OFF_100K = "waymark.checkpointOff100k";
  public static final String WIDE_100K = "waymark.wide100k";
  public static final String COMMIT_64 = "waymark.commit64";
  public static final String COMMIT_1K = "waymark.commit1k";
  public static final String COMMIT_64K = "waymark.commit64k";
  public static final String DURABLE_CHAIN_1K = "waymark.durable.chain1k";
  public static final String DURABLE_WIDE_10K = "waymark.durable.wide10k";
  public static final String SAVE_ASYNC = "waymark.saveAsync";
  public static final String RECURSION_LEVEL = "waymark.recursionLevel";
  public static final String CHAIN_1K = "waymark.chain1k";
  public static final String CHAIN_10K = "waymark.chain10k";
  public static final String PIPELINE = "waymark.pipeline";

  public static final String DBOS_1K = "dbos.chain1k";
  public static final String DBOS_10K = "dbos.chain10k";
  public static final String DBOS_PIPELINE = "dbos.pipeline";
  public static final String TEMPORAL_1K = "temporal.chain1k";
  public static final String TEMPORAL_10K = "temporal.chain10k";
  public static final String TEMPORAL_PIPELINE = "temporal.pipeline";

  /** Resume figures: {@code resume.<clean|kill>.<fresh|warm>}, plus {@code .open} for the open. */
  public static final String RESUME_CLEAN_FRESH = "resume.clean.fresh";

  public static final String RESUME_CLEAN_WARM = "resume.clean.warm";
  public static final String RESUME_KILL_FRESH = "resume.kill.fresh";
  public static final String RESUME_KILL_WARM = "resume.kill.warm";

  public static final String STORAGE_APPARENT = "storage.apparent";
  public static final String STORAGE_ALLOCATED = "storage.allocated";
  public static final String STORAGE_DAG = "storage.dag";

  /**
   * Many short workflows (three-step pipelines): nanoseconds per workflow through {@code runAsync},
   * bytes on disk per finished workflow, nanoseconds of one {@code list()} over 1,000,000 stored
   * workflows (plus {@code .open}, the open before it), and from {@code Waymark.open} to the last
   * result of {@code resumeAll} of 10,000 workflows in flight after kill -9 (the JVM's start
   * excluded; {@code .open} is the open).
   */
  public static final String MANY_ASYNC = "many.async";

  public static final String MANY_DISK = "many.disk";
  public static final String MANY_DISK_APPARENT = "many.disk.apparent";
  public static final String MANY_LIST = "many.list1m";
  public static final String MANY_RESUME_ALL = "many.resumeAll10k";

  private FigureIds() {}

  /** The open-only part of a resume figure. */
  /** The same figure measured in a JVM whose JIT compiler is still at work on the code. */
  public static String cold(String id) {
    return id + ".cold";
  }

  public static String open(String resumeId) {
    return resumeId + ".open";
  }
}
