package dev.waymark.internal;

import dev.waymark.internal.storage.Payload;
import dev.waymark.internal.storage.Storage;
import dev.waymark.internal.storage.WorkflowStore;
import java.util.concurrent.atomic.AtomicLong;

/** The real store, counting the record look-ups made through it (reads and existence checks). */
final class CountingStore extends ForwardingStore {
  final AtomicLong lookups = new AtomicLong();

  CountingStore(Storage store) {
    super(store);
  }

  @Override
  WorkflowStore wrap(WorkflowStore claim) {
    return new ForwardingWorkflow(claim) {
      @Override
      public Values values() {
        return new ForwardingValues(claim.values()) {
          @Override
          public boolean contains(long key) {
            lookups.incrementAndGet();
            return super.contains(key);
          }

          @Override
          public Payload read(long key) {
            lookups.incrementAndGet();
            return super.read(key);
          }
        };
      }
    };
  }
}
