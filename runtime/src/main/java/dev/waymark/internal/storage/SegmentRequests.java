package dev.waymark.internal.storage;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.waymark.exceptions.CheckpointCorruptedException;
import dev.waymark.exceptions.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What a process asks of the owner of another segment, through that segment's {@link Inbox}: leave
 * an event, cancel a workflow, read a task value. A read is answered in a reply file ({@code
 * replies/<pid>-<n>.bin}, written whole and renamed) that the asking process waits for and deletes;
 * if the owner dies first, the asker takes the segment over and reads it itself.
 */
final class SegmentRequests {
  static final byte EVENT = 1;
  static final byte CANCEL = 2;
  static final byte READ = 3;

  private static final int REPLY_MAGIC = 0x574d5250; // "WMRP"
  private static final byte ABSENT = 0;
  private static final byte PRESENT = 1;
  private static final byte DAMAGED = 2;
  private static final long ANSWER_NANOS = TimeUnit.SECONDS.toNanos(60);
  private static final AtomicLong REPLIES = new AtomicLong();

  /** The owner of the segment ended before it answered: read the segment here instead. */
  static final class OwnerGone extends RuntimeException {
    OwnerGone() {
      super(null, null, false, false);
    }
  }

  /** What the owner does with what it is asked. */
  interface Owner {
    SegmentIndex.Workflow workflow(Segment segment, String workflowId);

    void putEvent(SegmentIndex.Workflow workflow, String key, byte[] payload);

    void cancel(SegmentIndex.Workflow workflow);

    Payload read(SegmentIndex.Workflow workflow, long key);
  }

  private SegmentRequests() {}

  static void postEvent(Segment segment, String workflowId, String key, byte[] payload) {
    Output out = new Output(64, -1);
    out.writeByte(EVENT);
    out.writeString(workflowId);
    out.writeString(key);
    out.writeVarInt(payload.length, true);
    out.writeBytes(payload);
    segment.inbox.post(out.toBytes());
  }

  static void postCancel(Segment segment, String workflowId) {
    Output out = new Output(64, -1);
    out.writeByte(CANCEL);
    out.writeString(workflowId);
    segment.inbox.post(out.toBytes());
  }

  /**
   * Asks the owner of {@code segment} for the value under {@code key} and waits for its answer.
   *
   * @return the value, or null when there is none
   * @throws OwnerGone when the segment's owner ended before it answered
   */
  static Payload read(Segment segment, String workflowId, long key) {
    Path replies = segment.dir.resolve("replies");
    ChronicleStorage.createPrivateDirectories(replies);
    Path reply =
        replies.resolve(ProcessHandle.current().pid() + "-" + REPLIES.incrementAndGet() + ".bin");
    Output out = new Output(64, -1);
    out.writeByte(READ);
    out.writeString(workflowId);
    out.writeLong(key);
    out.writeString(reply.getFileName().toString());
    segment.inbox.post(out.toBytes());
    long deadline = System.nanoTime() + ANSWER_NANOS;
    for (int polls = 1; ; polls++) {
      byte[] answer = FramedFiles.read(reply, REPLY_MAGIC, "reply");
      if (answer != null) {
        deleteQuietly(reply);
        return decode(answer);
      }
      if (polls % 100 == 0 && !segment.hasOwner()) {
        deleteQuietly(reply);
        throw new OwnerGone();
      }
      if (System.nanoTime() > deadline) {
        throw new StorageException(
            "the process owning " + segment.dir + " did not answer a read within 60 s", null);
      }
      LockSupport.parkNanos(polls < 50 ? 100_000 : 1_000_000);
    }
  }

  private static Payload decode(byte[] answer) {
    try (Input in = new Input(answer)) {
      byte kind = in.readByte();
      if (kind == ABSENT) {
        return null;
      }
      if (kind == DAMAGED) {
        Path file = Path.of(in.readString());
        throw new CheckpointCorruptedException(file, in.readString(), null);
      }
      long start = in.readLong();
      long end = in.readLong();
      Path file = Path.of(in.readString());
      byte[] bytes = in.readBytes(in.readVarInt(true));
      return new Payload(bytes, 0, bytes.length, start, end, file);
    }
  }

  /** Does what the inbox of an owned segment holds. */
  static void deliver(Segment segment, Owner owner, boolean force) {
    segment.inbox.take(
        request -> {
          try (Input in = new Input(request)) {
            byte kind = in.readByte();
            SegmentIndex.Workflow workflow = owner.workflow(segment, in.readString());
            switch (kind) {
              case EVENT -> {
                String key = in.readString();
                byte[] payload = in.readBytes(in.readVarInt(true));
                if (workflow != null) {
                  owner.putEvent(workflow, key, payload);
                }
              }
              case CANCEL -> {
                if (workflow != null) {
                  owner.cancel(workflow);
                }
              }
              case READ -> {
                long key = in.readLong();
                Path reply = segment.dir.resolve("replies").resolve(in.readString());
                FramedFiles.write(reply, REPLY_MAGIC, answer(owner, workflow, key), force);
              }
              default -> {
                // a request of a newer kind: not for this version
              }
            }
          }
        });
  }

  private static byte[] answer(Owner owner, SegmentIndex.Workflow workflow, long key) {
    Output out = new Output(64, -1);
    try {
      Payload value = workflow == null ? null : owner.read(workflow, key);
      if (value == null) {
        out.writeByte(ABSENT);
      } else {
        out.writeByte(PRESENT);
        out.writeLong(value.startMillis());
        out.writeLong(value.endMillis());
        out.writeString(value.file().toString());
        out.writeVarInt(value.length(), true);
        out.writeBytes(value.bytes(), value.offset(), value.length());
      }
    } catch (CheckpointCorruptedException e) {
      out.reset();
      out.writeByte(DAMAGED);
      String file = e.file() == null ? workflow.segment.dir.toString() : e.file().toString();
      String prefix = "checkpoint file " + file + " ";
      String message = e.getMessage();
      out.writeString(file);
      out.writeString(message.startsWith(prefix) ? message.substring(prefix.length()) : message);
    }
    return out.toBytes();
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a reply left behind is removed with the next owner's sweep of replies
    }
  }
}
