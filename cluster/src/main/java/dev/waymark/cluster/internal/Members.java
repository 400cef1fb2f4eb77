package dev.waymark.cluster.internal;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.spi.properties.ClusterProperty;
import dev.waymark.cluster.ClusterOptions;

/**
 * Starts this JVM's member of a cluster, with Community features only: partitioned maps with
 * backups, a split-brain protection on them, and operations whose outcome is unknown (a member left
 * while one ran) failed rather than taken for done.
 */
public final class Members {
  /** The map of workflow records, one {@link WorkflowEntry} per workflow id. */
  public static final String WORKFLOWS = "waymark-workflows";

  private static final String QUORUM = "waymark-quorum";

  private Members() {}

  public static HazelcastInstance start(ClusterOptions options) {
    Config config = new Config();
    config.setClusterName(options.name());
    config.setProperty(ClusterProperty.FAIL_ON_INDETERMINATE_OPERATION_STATE.getName(), "true");
    config.setProperty(ClusterProperty.PHONE_HOME_ENABLED.getName(), "false");
    config.setProperty(ClusterProperty.SHUTDOWNHOOK_ENABLED.getName(), "false");
    config.setProperty(ClusterProperty.LOGGING_TYPE.getName(), "slf4j");
    config.getNetworkConfig().setPort(options.port()).setPortAutoIncrement(true);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(options.host());
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(options.members());
    config.addSplitBrainProtectionConfig(
        new SplitBrainProtectionConfig(QUORUM, true, options.quorum()));
    config.addMapConfig(
        new MapConfig(WORKFLOWS)
            .setInMemoryFormat(InMemoryFormat.OBJECT)
            .setBackupCount(options.backups())
            .setSplitBrainProtectionName(QUORUM));
    return Hazelcast.newHazelcastInstance(config);
  }
}
