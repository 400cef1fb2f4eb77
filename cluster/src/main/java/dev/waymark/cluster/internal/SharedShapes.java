package dev.waymark.cluster.internal;

import com.hazelcast.map.IMap;
import dev.waymark.internal.storage.Storage;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalogue of step shapes every member reads: a member keeps each shape in its own storage and
 * shares it in the cluster once, so that a member resuming a workflow another one started can
 * compare the shapes it recorded with its own code.
 */
final class SharedShapes implements Storage.Shapes {
  private final Storage.Shapes mine;
  private final IMap<Long, String> shared;
  private final Set<Long> sent = ConcurrentHashMap.newKeySet();

  SharedShapes(Storage.Shapes mine, IMap<Long, String> shared) {
    this.mine = mine;
    this.shared = shared;
  }

  @Override
  public void record(long hash, String text) {
    mine.record(hash, text);
    if (sent.add(hash)) {
      Calls.retrying("*", () -> shared.putIfAbsent(hash, text));
    }
  }

  @Override
  public String read(long hash) {
    String text = mine.read(hash);
    if (text == null) {
      text = Calls.retrying("*", () -> shared.get(hash));
      if (text != null) {
        mine.record(hash, text);
      }
    }
    return text;
  }
}
