package dev.waymark.cluster.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.MemberLeftException;
import dev.waymark.internal.storage.ClusteredStorage;
import dev.waymark.internal.storage.ClusteredStorage.Driver;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The steps this member lends the others, counted by member: each gets at most as many at once as
 * this member's runtime has slots, the least busy first; one that answered that it had no slot free
 * gets none for a moment. And the steps the others lend this one, by id, so that a step whose run
 * was canceled is interrupted, or not started when the word comes first ({@link #forget}).
 */
final class StepLoans {
  private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final HazelcastInstance member;
  private final CompletableFuture<Driver> driver;
  private final Map<UUID, AtomicInteger> lent = new ConcurrentHashMap<>();
  private final Map<UUID, Long> busySince = new ConcurrentHashMap<>();

  /** The lent steps running here, by id, to their thread; or {@link #FORGOTTEN}. */
  private final Map<UUID, Object> here = new ConcurrentHashMap<>();

  private static final Object FORGOTTEN = new Object();

  StepLoans(HazelcastInstance member, CompletableFuture<Driver> driver) {
    this.member = member;
    this.driver = driver;
  }

  /** See {@link ClusteredStorage#lend}. */
  CompletableFuture<byte[]> lend(Supplier<byte[]> call) {
    Driver runtime = driver.getNow(null);
    if (runtime == null) {
      return null;
    }
    Member chosen = leastBusy(runtime.parallelism());
    if (chosen == null) {
      return null;
    }
    AtomicInteger count = lent.get(chosen.getUuid());
    if (count.incrementAndGet() > runtime.parallelism()) {
      count.decrementAndGet(); // another thread took the last one
      return null;
    }
    UUID id = UUID.randomUUID();
    Future<byte[]> sent;
    try {
      sent =
          member.getExecutorService(Members.STEPS).submitToMember(new Lend(id, call.get()), chosen);
    } catch (RuntimeException e) {
      count.decrementAndGet();
      forget(chosen, id); // it may have left before sending failed (an interrupt, say)
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<byte[]> reply = new CompletableFuture<>();
    reply.whenComplete(
        (answer, error) -> {
          if (reply.isCancelled()) {
            // The driver's step was canceled: interrupt it there, or keep it from starting. Not
            // Hazelcast's own cancel, which misses a task that has not reached that member yet.
            forget(chosen, id);
          }
        });
    // On the thread that received the answer: by default Hazelcast hands each callback to the
    // common pool, which starts a thread per task where it has a single thread (two cores).
    ((CompletableFuture<byte[]>) sent)
        .whenCompleteAsync(
            (answer, error) -> {
              count.decrementAndGet();
              if (error != null) {
                reply.completeExceptionally(left(chosen, error));
                return;
              }
              if (answer.length > 0 && answer[0] == ClusteredStorage.BUSY) {
                busySince.put(chosen.getUuid(), System.nanoTime());
              }
              reply.complete(answer);
            },
            Runnable::run);
    return reply;
  }

  /** Tells {@code other} that the step lent it under {@code id} is no longer wanted. */
  private void forget(Member other, UUID id) {
    try {
      member.getExecutorService(Members.STEPS).submitToMember(new Lend(id, null), other);
    } catch (RuntimeException e) {
      // this member or that one is leaving: the step goes with it
    }
  }

  /** Runs a step another member lent this one under {@code id}, unless it was forgotten. */
  byte[] runHere(UUID id, byte[] call) throws Exception {
    Thread me = Thread.currentThread();
    if (here.putIfAbsent(id, me) != null) {
      here.remove(id);
      return new byte[] {ClusteredStorage.BUSY}; // canceled before it came: nobody waits for it
    }
    try {
      return driver.get(30, TimeUnit.SECONDS).runLent(call);
    } finally {
      here.remove(id, me);
      Thread.interrupted(); // a forget that came as it ended: not the next task's
    }
  }

  /** The step lent under {@code id} is no longer wanted: interrupt it, or keep it from starting. */
  void forget(UUID id) {
    here.compute(
        id,
        (key, running) -> {
          if (running instanceof Thread thread) {
            thread.interrupt();
            return thread;
          }
          return FORGOTTEN;
        });
  }

  /** {@code error}, or what says that {@code member} left while it ran the step. */
  private static Throwable left(Member member, Throwable error) {
    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
    if (cause instanceof MemberLeftException) {
      return new ClusteredStorage.MemberLeft(
          "the member of the cluster running it (" + member.getAddress() + ") left", cause);
    }
    return error;
  }

  /** The data member other than this one with the fewest steps lent, below {@code limit}. */
  private Member leastBusy(int limit) {
    long now = System.nanoTime();
    Member chosen = null;
    int least = limit;
    for (Member other : member.getCluster().getMembers()) {
      if (other.localMember() || other.isLiteMember()) {
        continue;
      }
      Long busy = busySince.get(other.getUuid());
      if (busy != null && now - busy < QUIET_NANOS) {
        continue;
      }
      int count = lent.computeIfAbsent(other.getUuid(), id -> new AtomicInteger()).get();
      if (count < least) {
        least = count;
        chosen = other;
      }
    }
    return chosen;
  }
}
