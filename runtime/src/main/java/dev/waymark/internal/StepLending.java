package dev.waymark.internal;

import dev.waymark.Result;
import dev.waymark.internal.storage.ClusteredStorage;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Independent steps of a workflow spread over the members of a cluster. When every step slot of the
 * driver's member is taken and chains wait for one, a step that may run anywhere ({@link
 * StepDefinition#lendable}) is lent to another member with a slot free: its inputs go there, its
 * output or exception comes back, and the driver goes on as if it had run the step itself (the
 * attempt, its retries, catching and the commit stay the driver's). Its slot here is free
 * meanwhile. A step still waiting for a slot here is lent as soon as a member has one free.
 *
 * <p>The member that runs it refuses when it has no slot free, or when its code differs (no such
 * step, another shape), or when the step turns out to need its workflow's run (it asks for its
 * {@code Checkpointer}, or returns a workflow); the step then runs here once it has a slot. An
 * attempt whose member left before it answered is lost with it, as one lost with the driver's own
 * process would be: it counts, and the task tries again if it has attempts left ({@link
 * ClusteredStorage.MemberLeft}).
 */
final class StepLending {
  private static final Logger LOG = LoggerFactory.getLogger("dev.waymark.cluster");

  private static final byte OUTPUT = 0;
  private static final byte FAILED = 1;
  private static final byte REFUSED = 3;

  /** How long a step that found no slot here waits for one before it asks the members again. */
  private static final long SLOT_WAIT_MILLIS = 20;

  /** What a step that needs its workflow's run throws when it runs on another member. */
  static final class NotLendable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotLendable(String why) {
      super(why, null, false, false);
    }
  }

  /** What a step that waited for a slot here throws when the runtime stops before it got one. */
  static final class NotStarted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotStarted() {
      super("the runtime stops", null, false, false);
    }
  }

  private final ClusteredStorage cluster;
  private final StepPool pool;

  /** The steps this member may have lent at once, each holding a pool thread that waits. */
  private final Semaphore lendable;

  /** Steps another member refused for good (they need their run): they run here from now on. */
  private final Set<String> refused = ConcurrentHashMap.newKeySet();

  StepLending(ClusteredStorage cluster, StepPool pool, int limit) {
    this.cluster = cluster;
    this.pool = pool;
    this.lendable = new Semaphore(limit);
  }

  /**
   * Runs attempt {@code attempt} of task {@code t}: elsewhere when that helps, else here. A thread
   * that holds a slot runs it here unless chains wait for one; a thread without one (every slot was
   * taken) lends it, or waits for a slot here and asks the members again each time that wait ends
   * empty, so no step waits on the driver while another member has a slot free.
   */
  Object invoke(Frame frame, int t, Object[] args, int attempt) throws Exception {
    StepDefinition<?> step = frame.step(t);
    boolean mayLend = step != null && step.lendable();
    while (true) {
      boolean here = pool.holdsSlot();
      // A canceled run's thread is interrupted as it enters step code: it lends nothing more.
      if (mayLend
          && (!here || pool.saturated())
          && !refused.contains(step.id())
          && !Thread.currentThread().isInterrupted()) {
        byte[] answer = lend(frame, t, args, attempt, step);
        if (answer != null) {
          switch (answer[0]) {
            case OUTPUT:
              return CheckpointCodec.deserialize(answer, 1, answer.length - 1);
            case FAILED:
              Result<?> failure =
                  (Result<?>) CheckpointCodec.deserialize(answer, 1, answer.length - 1);
              throw failure.exception();
            case REFUSED:
              String why = new String(answer, 1, answer.length - 1, StandardCharsets.UTF_8);
              if (why.startsWith("!") && refused.add(step.id())) {
                LOG.info("step {} runs on its driver only: {}", step.id(), why.substring(1));
              }
              break;
            default: // BUSY
          }
        }
        here = pool.holdsSlot(); // false once its slot was given back while the step was away
      }
      if (!here && frame.run().isStopping()) {
        throw new NotStarted(); // a graceful stop starts no step: it runs when resumed
      }
      if (here || pool.tryTakeSlot(SLOT_WAIT_MILLIS)) {
        // Sending the step may have swallowed a cancel's interrupt: the step here must see it.
        frame.run().interruptIfCanceled();
        return frame.invoke(t, args);
      }
    }
  }

  /**
   * Lends the step to another member with a slot free and waits for its answer without this
   * thread's slot; null when no member took it.
   */
  private byte[] lend(Frame frame, int t, Object[] args, int attempt, StepDefinition<?> step)
      throws Exception {
    if (!lendable.tryAcquire()) {
      return null;
    }
    CompletableFuture<byte[]> reply = null;
    try {
      reply =
          cluster.lend(() -> call(step, frame.run().workflowId(), frame.name(t), attempt, args));
      return reply == null ? null : pool.away(reply::get); // null: no other member has a slot free
    } catch (InterruptedException e) {
      reply.cancel(true); // canceled: the step stops there too, as it would here
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ClusteredStorage.MemberLeft left) {
        throw left;
      }
      LOG.debug("step {} runs here: {}", frame.name(t), e.getCause().toString());
      return null;
    } finally {
      lendable.release();
    }
  }

  /** A step lent to this member: runs it when a slot is free, and answers what became of it. */
  static byte[] runLent(byte[] call, StepPool pool) {
    String stepId;
    long shapeHash;
    String workflowId;
    String taskId;
    int attempt;
    byte[][] inputs;
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(call))) {
      stepId = in.readUTF();
      shapeHash = in.readLong();
      workflowId = in.readUTF();
      taskId = in.readUTF();
      attempt = in.readInt();
      inputs = new byte[in.readInt()][];
      for (int i = 0; i < inputs.length; i++) {
        inputs[i] = in.readNBytes(in.readInt());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StepDefinition<?> step = StepRegistry.get().step(stepId);
    if (step == null || step.shapeHash() != shapeHash || !step.lendable()) {
      return refused("step " + stepId + " differs on this member");
    }
    if (!pool.tryTakeLentSlot()) {
      return new byte[] {ClusteredStorage.BUSY};
    }
    try {
      Object[] args = new Object[inputs.length];
      for (int i = 0; i < args.length; i++) {
        args[i] = CheckpointCodec.deserialize(inputs[i], 0, inputs[i].length);
      }
      CurrentTask current = CurrentTask.enterLent(workflowId, taskId, attempt);
      Object out;
      try {
        out = step.invoker().invoke(args);
      } catch (NotLendable e) {
        return refused("!" + e.getMessage());
      } catch (Throwable e) {
        return answer(FAILED, Result.failure(e));
      } finally {
        current.exit();
      }
      if (out instanceof Node<?>) {
        return refused("!it returns a workflow");
      }
      try {
        return answer(OUTPUT, out);
      } catch (RuntimeException e) {
        return refused("its output cannot be stored: " + e.getMessage()); // the driver says so
      }
    } finally {
      pool.giveLentSlot();
    }
  }

  private static byte[] call(
      StepDefinition<?> step, String workflowId, String taskId, int attempt, Object[] args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(step.id());
      out.writeLong(step.shapeHash());
      out.writeUTF(workflowId);
      out.writeUTF(taskId);
      out.writeInt(attempt);
      out.writeInt(args.length);
      for (Object arg : args) {
        byte[] value = CheckpointCodec.serialize(arg);
        out.writeInt(value.length);
        out.write(value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] answer(byte kind, Object value) {
    byte[] bytes = CheckpointCodec.serialize(value);
    byte[] answer = new byte[bytes.length + 1];
    answer[0] = kind;
    System.arraycopy(bytes, 0, answer, 1, bytes.length);
    return answer;
  }

  /** A refusal; one whose reason starts with '!' holds for every later call of the step. */
  private static byte[] refused(String why) {
    byte[] text = why.getBytes(StandardCharsets.UTF_8);
    byte[] answer = Arrays.copyOf(new byte[] {REFUSED}, text.length + 1);
    System.arraycopy(text, 0, answer, 1, text.length);
    return answer;
  }
}
