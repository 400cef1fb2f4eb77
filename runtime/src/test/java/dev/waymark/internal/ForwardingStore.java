package dev.waymark.internal;

import dev.waymark.Durability;
import dev.waymark.internal.storage.Failures;
import dev.waymark.internal.storage.Payload;
import dev.waymark.internal.storage.StatusRecord;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.WorkflowStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A storage that hands every call to the real one: subclasses override what a test observes or
 * breaks ({@link #wrap} for a claimed workflow's records, usually through {@link ForwardingValues}
 * or {@link ForwardingAttempts}).
 */
class ForwardingStore implements Storage {
  private final Storage store;

  ForwardingStore(Storage store) {
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
  public WorkflowStore claim(String workflowId, boolean create) {
    WorkflowStore claim = store.claim(workflowId, create);
    return claim == null ? null : wrap(claim);
  }

  /** The claimed workflow the engine gets for {@code claim}. */
  WorkflowStore wrap(WorkflowStore claim) {
    return new ForwardingWorkflow(claim);
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
  public Payload readDag(String workflowId) {
    return store.readDag(workflowId);
  }

  @Override
  public List<String> workflowIds() {
    return store.workflowIds();
  }

  @Override
  public List<Listed> statuses() {
    return store.statuses();
  }

  @Override
  public void postEvent(String workflowId, String key, byte[] payload) {
    store.postEvent(workflowId, key, payload);
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
  public Shapes shapes() {
    return store.shapes();
  }

  @Override
  public void close() {
    store.close();
  }

  /** Hands every call to the real claimed workflow. */
  static class ForwardingWorkflow implements WorkflowStore {
    final WorkflowStore claim;

    ForwardingWorkflow(WorkflowStore claim) {
      this.claim = claim;
    }

    @Override
    public String workflowId() {
      return claim.workflowId();
    }

    @Override
    public String location() {
      return claim.location();
    }

    @Override
    public Dag dag() {
      return claim.dag();
    }

    @Override
    public Status status() {
      return claim.status();
    }

    @Override
    public Values values() {
      return claim.values();
    }

    @Override
    public Events events() {
      return claim.events();
    }

    @Override
    public Attempts attempts() {
      return claim.attempts();
    }

    @Override
    public Storage.Shapes shapes() {
      return claim.shapes();
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

  /** Hands every call to the real task values. */
  static class ForwardingValues implements WorkflowStore.Values {
    final WorkflowStore.Values values;

    ForwardingValues(WorkflowStore.Values values) {
      this.values = values;
    }

    @Override
    public void expectRecords(long count) {
      values.expectRecords(count);
    }

    @Override
    public boolean contains(long key) {
      return values.contains(key);
    }

    @Override
    public Payload read(long key) {
      return values.read(key);
    }

    @Override
    public void write(
        long key, long startMillis, long endMillis, byte[] bytes, int offset, int length) {
      values.write(key, startMillis, endMillis, bytes, offset, length);
    }

    @Override
    public void delete(long key) {
      values.delete(key);
    }

    @Override
    public void force() {
      values.force();
    }
  }

  /** Hands every call to the real attempt journal. */
  static class ForwardingAttempts implements WorkflowStore.Attempts {
    final WorkflowStore.Attempts attempts;

    ForwardingAttempts(WorkflowStore.Attempts attempts) {
      this.attempts = attempts;
    }

    @Override
    public Map<Long, Integer> interrupted() {
      return attempts.interrupted();
    }

    @Override
    public int slots() {
      return attempts.slots();
    }

    @Override
    public void mark(int slot, long task, int attempt) {
      attempts.mark(slot, task, attempt);
    }

    @Override
    public void clear(int slot) {
      attempts.clear(slot);
    }

    @Override
    public Map<Long, Failures> readFailed() {
      return attempts.readFailed();
    }

    @Override
    public void writeFailed(Map<Long, Failures> counts) {
      attempts.writeFailed(counts);
    }
  }
}
