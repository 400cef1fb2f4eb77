package dev.waymark.internal;

import java.util.concurrent.atomic.AtomicLong;

/** The real store, counting the record look-ups made through it (reads and existence checks). */
final class CountingStore extends ForwardingStore {
  final AtomicLong lookups = new AtomicLong();

  CountingStore(CheckpointStore store) {
    super(store);
  }

  @Override
  Claim wrap(Claim claim) {
    return new ForwardingClaim(claim) {
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
}
