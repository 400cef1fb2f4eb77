package dev.waymark.cluster.internal;

import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.util.ConcurrencyUtil;
import com.hazelcast.spi.properties.ClusterProperty;
import dev.waymark.ClusterOptions;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;

/**
 * Starts this JVM's member of a cluster, with Community features only: partitioned maps with
 * backups, a split-brain protection on them, and operations whose outcome is unknown (a member left
 * while one ran) failed rather than taken for done.
 */
public final class Members {
  /** The map of workflow records, one {@link WorkflowEntry} per workflow id. */
  public static final String WORKFLOWS = "waymark-workflows";

  /** The cancels asked for, by workflow id, until the driver takes them. */
  static final String CANCELS = "waymark-cancels";

  /** Step shapes by hash, the storage-wide catalogue every member reads. */
  static final String SHAPES = "waymark-shapes";

  /** The executor that sends runs to the member that owns their workflow's partition. */
  static final String FORWARDS = "waymark-forwards";

  /** The executor that runs the steps one member lends another. */
  static final String STEPS = "waymark-steps";

  /** Its threads: each member runs at once no more lent steps than its runtime has slots. */
  private static final int STEP_THREADS = 64;

  private static final String QUORUM = "waymark-quorum";

  private Members() {}

  public static HazelcastInstance start(ClusterOptions options) {
    return start(options, Map.of());
  }

  /** Starts a member that carries {@code context} ({@code getUserContext()}) from the start. */
  public static HazelcastInstance start(ClusterOptions options, Map<String, Object> context) {
    reuseCallbackThreads();
    Config config = new Config();
    config.setClusterName(options.name());
    config.setLiteMember(options.observer()); // owns no partition
    config.getUserContext().putAll(context);
    config.setProperty(ClusterProperty.FAIL_ON_INDETERMINATE_OPERATION_STATE.getName(), "true");
    config.setProperty(ClusterProperty.PHONE_HOME_ENABLED.getName(), "false");
    config.setProperty(ClusterProperty.SHUTDOWNHOOK_ENABLED.getName(), "false");
    config.setProperty(ClusterProperty.LOGGING_TYPE.getName(), "slf4j");
    // A member that stops answering is taken for dead after 5 s (a minute by default), so that its
    // workflows are taken over soon; one that was only paused is fenced when it comes back.
    config.setProperty(ClusterProperty.HEARTBEAT_INTERVAL_SECONDS.getName(), "1");
    config.setProperty(ClusterProperty.MAX_NO_HEARTBEAT_SECONDS.getName(), "5");
    config.setProperty(ClusterProperty.WAIT_SECONDS_BEFORE_JOIN.getName(), "1");
    // A member that started alone (the others were out of reach) merges into them soon.
    config.setProperty(ClusterProperty.MERGE_FIRST_RUN_DELAY_SECONDS.getName(), "5");
    config.setProperty(ClusterProperty.MERGE_NEXT_RUN_DELAY_SECONDS.getName(), "5");
    config.getNetworkConfig().setPort(options.port()).setPortAutoIncrement(true);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(options.host());
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig()
        .setEnabled(true)
        .setMembers(options.members())
        .setConnectionTimeoutSeconds(2);
    // With a quorum of one there is nothing to protect; Hazelcast's protection would also refuse
    // every operation of a member alone, which never sees another join.
    boolean protect = options.quorum() > 1;
    if (protect) {
      config.addSplitBrainProtectionConfig(
          new SplitBrainProtectionConfig(QUORUM, true, options.quorum()));
    }
    for (String name : new String[] {WORKFLOWS, CANCELS, SHAPES}) {
      MapConfig map =
          new MapConfig(name)
              .setInMemoryFormat(
                  name.equals(WORKFLOWS) ? InMemoryFormat.OBJECT : InMemoryFormat.BINARY)
              .setBackupCount(options.backups());
      config.addMapConfig(protect ? map.setSplitBrainProtectionName(QUORUM) : map);
    }
    config.addExecutorConfig(new ExecutorConfig(STEPS).setPoolSize(STEP_THREADS));
    // Read by a member alone too, to learn whether the cluster restored its records yet.
    config.addMapConfig(new MapConfig(Restoration.META).setBackupCount(options.backups()));
    return Hazelcast.newHazelcastInstance(config);
  }

  /**
   * Where the common pool has a single thread (two cores or fewer), Hazelcast runs each callback of
   * an asynchronous call, such as the answer of a step lent to another member, on a new thread: a
   * thread started per step. Its callbacks then go to threads that are kept and reused instead.
   */
  private static synchronized void reuseCallbackThreads() {
    if (ForkJoinPool.getCommonPoolParallelism() > 1 || callbackThreads != null) {
      return;
    }
    callbackThreads =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "waymark-cluster-callback");
              thread.setDaemon(true);
              return thread;
            });
    ConcurrencyUtil.setDefaultAsyncExecutor(callbackThreads);
  }

  private static ExecutorService callbackThreads;
}
