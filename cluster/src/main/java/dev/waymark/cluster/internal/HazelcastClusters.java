package dev.waymark.cluster.internal;

import dev.waymark.ClusterOptions;
import dev.waymark.internal.storage.ClusteredStorage;
import dev.waymark.internal.storage.Storage;

/** The cluster {@code Waymark.builder().cluster(..)} joins: members of an embedded Hazelcast. */
public final class HazelcastClusters implements ClusteredStorage.Provider {
  @Override
  public ClusteredStorage join(ClusterOptions options, Storage local) {
    return ClusterStore.join(options, local);
  }
}
