package dev.waymark.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import java.util.Map;

/**
 * Leaves an event in a workflow's record, from any member and without a claim: the driver reads it
 * from there. Like a member's own mailbox, it takes events for a workflow not recorded (yet).
 */
public final class PostEvent
    implements EntryProcessor<String, WorkflowEntry, Void>, HazelcastInstanceAware {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final byte[] payload;
  private transient Mirror mirror;

  public PostEvent(String key, byte[] payload) {
    this.key = key;
    this.payload = payload;
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance member) {
    mirror = Mirror.of(member);
  }

  @Override
  public Void process(Map.Entry<String, WorkflowEntry> entry) {
    WorkflowEntry record = entry.getValue();
    if (record == null) {
      record = new WorkflowEntry();
    }
    record.events.put(key, payload);
    record.version++;
    entry.setValue(record);
    if (mirror != null) {
      mirror.header(entry.getKey(), record);
    }
    return null;
  }
}
