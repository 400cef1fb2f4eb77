package dev.waymark.internal;

import dev.waymark.Durability;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A store that hands every call to the real one: subclasses override what a test observes or breaks
 * ({@link #wrap} for a claim's calls).
 */
class ForwardingStore implements CheckpointStore {
  private final CheckpointStore store;

  ForwardingStore(CheckpointStore store) {
    this.store = store;
  }

  @Override
  public Path root() {
    return store.root();
  }

  @Override
  public Durability durability() {
    return store.durability();
  }

  @Override
  public Claim claim(String workflowId, boolean create) {
    Claim claim = store.claim(workflowId, create);
    return claim == null ? null : wrap(claim);
  }

  /** The claim the engine gets for {@code claim}. */
  Claim wrap(Claim claim) {
    return new ForwardingClaim(claim);
  }

  @Override
  public boolean isClaimed(String workflowId) {
    return store.isClaimed(workflowId);
  }

  @Override
  public StatusRecord readStatus(String workflowId) {
    return store.readStatus(workflowId);
  }

  @Override
  public void postEvent(String workflowId, String key, byte[] payload) {
    store.postEvent(workflowId, key, payload);
  }

  @Override
  public byte[] readDag(String workflowId) {
    return store.readDag(workflowId);
  }

  @Override
  public String readEventExpectation(String workflowId, String key) {
    return store.readEventExpectation(workflowId, key);
  }

  @Override
  public void requestCancel(String workflowId) {
    store.requestCancel(workflowId);
  }

  @Override
  public boolean takeCancelRequest(String workflowId) {
    return store.takeCancelRequest(workflowId);
  }

  @Override
  public List<String> workflowIds() {
    return store.workflowIds();
  }

  @Override
  public void close() {
    store.close();
  }

  /** Hands every call to the real claim. */
  static class ForwardingClaim implements Claim {
    final Claim claim;

    ForwardingClaim(Claim claim) {
      this.claim = claim;
    }

    @Override
    public String workflowId() {
      return claim.workflowId();
    }

    @Override
    public Path directory() {
      return claim.directory();
    }

    @Override
    public byte[] readDag() {
      return claim.readDag();
    }

    @Override
    public void writeDag(byte[] dag) {
      claim.writeDag(dag);
    }

    @Override
    public StatusRecord readStatus() {
      return claim.readStatus();
    }

    @Override
    public void writeStatus(StatusRecord status) {
      claim.writeStatus(status);
    }

    @Override
    public void expectRecords(long count) {
      claim.expectRecords(count);
    }

    @Override
    public boolean contains(long key) {
      return claim.contains(key);
    }

    @Override
    public Payload read(long key) {
      return claim.read(key);
    }

    @Override
    public void force() {
      claim.force();
    }

    @Override
    public void write(
        long key, long startMillis, long endMillis, byte[] bytes, int offset, int length) {
      claim.write(key, startMillis, endMillis, bytes, offset, length);
    }

    @Override
    public byte[] readEvent(String key) {
      return claim.readEvent(key);
    }

    @Override
    public void deleteEvent(String key) {
      claim.deleteEvent(key);
    }

    @Override
    public void delete(long key) {
      claim.delete(key);
    }

    @Override
    public Map<Long, Integer> interruptedAttempts() {
      return claim.interruptedAttempts();
    }

    @Override
    public int inFlightSlots() {
      return claim.inFlightSlots();
    }

    @Override
    public void markInFlight(int slot, long task, int attempt) {
      claim.markInFlight(slot, task, attempt);
    }

    @Override
    public void clearInFlight(int slot) {
      claim.clearInFlight(slot);
    }

    @Override
    public Map<Long, Integer> readFailedAttempts() {
      return claim.readFailedAttempts();
    }

    @Override
    public void writeFailedAttempts(Map<Long, Integer> attempts) {
      claim.writeFailedAttempts(attempts);
    }

    @Override
    public void expectEvent(String key, String typeName) {
      claim.expectEvent(key, typeName);
    }

    @Override
    public void recordShape(long hash, String text) {
      claim.recordShape(hash, text);
    }

    @Override
    public String readShape(long hash) {
      return claim.readShape(hash);
    }

    @Override
    public void deleteAll() {
      claim.deleteAll();
    }

    @Override
    public void close() {
      claim.close();
    }
  }
}
