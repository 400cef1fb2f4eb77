package dev.waymark.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * A step one member lends another ({@link StepLoans}): there, that member's runtime runs it if it
 * has a slot free, and answers what became of it.
 */
public final class Lend implements Callable<byte[]>, DataSerializable, HazelcastInstanceAware {
  private byte[] call;
  private transient HazelcastInstance member;

  /** For Hazelcast, which reads the call in next. */
  public Lend() {}

  public Lend(byte[] call) {
    this.call = call;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeByteArray(call);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    call = in.readByteArray();
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance member) {
    this.member = member;
  }

  @Override
  public byte[] call() throws Exception {
    return ClusterStore.of(member).runLent(call);
  }
}
