package dev.waymark.cluster.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializable;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * A step one member lends another ({@link StepLoans}), under an id: there, that member's runtime
 * runs it if it has a slot free, and answers what became of it. Without a call, it tells that
 * member the step of that id is no longer wanted (the run was canceled).
 */
public final class Lend implements Callable<byte[]>, DataSerializable, HazelcastInstanceAware {
  private UUID id;
  private byte[] call;
  private transient HazelcastInstance member;

  /** For Hazelcast, which reads the call in next. */
  public Lend() {}

  public Lend(UUID id, byte[] call) {
    this.id = id;
    this.call = call;
  }

  @Override
  public void writeData(ObjectDataOutput out) throws IOException {
    out.writeLong(id.getMostSignificantBits());
    out.writeLong(id.getLeastSignificantBits());
    out.writeByteArray(call);
  }

  @Override
  public void readData(ObjectDataInput in) throws IOException {
    id = new UUID(in.readLong(), in.readLong());
    call = in.readByteArray();
  }

  @Override
  public void setHazelcastInstance(HazelcastInstance member) {
    this.member = member;
  }

  @Override
  public byte[] call() throws Exception {
    StepLoans loans = ClusterStore.of(member).loans();
    if (call == null) {
      loans.forget(id);
      return null;
    }
    return loans.runHere(id, call);
  }
}
