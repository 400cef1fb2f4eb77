package dev.waymark.cluster.internal;

import com.hazelcast.projection.Projection;
import java.io.Serializable;
import java.util.Map;

/** Projects each workflow's record to its id and status, for a listing of the whole cluster. */
public final class Listing implements Projection<Map.Entry<String, WorkflowEntry>, Listing.Listed> {
  private static final long serialVersionUID = 1L;

  /** A workflow's id and encoded status (null before its DAG was recorded). */
  public record Listed(String id, byte[] status) implements Serializable {}

  @Override
  public Listed transform(Map.Entry<String, WorkflowEntry> entry) {
    return new Listed(entry.getKey(), entry.getValue().status);
  }
}
