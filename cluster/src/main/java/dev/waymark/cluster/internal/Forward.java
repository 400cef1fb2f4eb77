package dev.waymark.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A run asked of one member and sent to the member that owns the workflow's partition: there, that
 * member's runtime admits it (a new workflow of the encoded DAG, or a stored one resumed when the
 * DAG is null). What the admission throws comes back to the member that asked.
 */
public final class Forward implements Callable<Void>, Serializable, HazelcastInstanceAware {
  private static final long serialVersionUID = 1L;

  private final String workflowId;
  private final byte[] dag;
  private transient HazelcastInstance member;

  public Forward(String workflowId, byte[] dag) {
    this.workflowId = workflowId;
    this.dag = dag;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance member) {
    this.member = member;
  }

  @Override
  public Void call() throws Exception {
    ClusterStore.of(member).admit(workflowId, dag);
    return null;
  }
}
