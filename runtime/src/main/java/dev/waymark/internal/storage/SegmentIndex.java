package dev.waymark.internal.storage;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.waymark.WorkflowStatus;
import dev.waymark.exceptions.CheckpointCorruptedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this process knows of every workflow of every segment, built from the segments' logs: for
 * its own segments as it appends, for the others as it reads their new records. The records'
 * encodings are here too.
 */
final class SegmentIndex {
  /** One workflow: where it is, and its latest records. */
  static final class Workflow {
    final String id;
    final Segment segment;
    final long number;
    final long seed;

    /** The latest status: a StatusRecord, or the bytes of one not decoded yet (see status()). */
    private volatile Object status;

    volatile long statusAt = -1;

    /**
     * Created alone, with its CREATED record not written yet; cleared under the log's monitor, by
     * the append that writes it.
     */
    volatile boolean unwritten;

    volatile long dagAt = -1;
    volatile Map<String, String> expected = Map.of();
    volatile Map<Long, Failures> failed = Map.of();
    volatile Map<Long, Integer> interrupted = Map.of();

    Workflow(String id, Segment segment, long number) {
      this.id = id;
      this.segment = segment;
      this.number = number;
      this.seed = TaskKeys.hash(id);
    }

    private static final java.util.concurrent.atomic.AtomicReferenceFieldUpdater<Workflow, Object>
        STATUS =
            java.util.concurrent.atomic.AtomicReferenceFieldUpdater.newUpdater(
                Workflow.class, Object.class, "status");

    /**
     * The latest status, or null before one was recorded. Decoded when first asked: opening a
     * storage reads every status of its logs, and most are never asked for.
     */
    StatusRecord status() {
      Object current = status;
      if (!(current instanceof byte[] bytes)) {
        return (StatusRecord) current;
      }
      StatusRecord decoded;
      try {
        decoded = StatusRecord.decode(bytes);
      } catch (KryoException e) {
        throw new CheckpointCorruptedException(
            segment.log.file(),
            "holds a status of workflow '"
                + id
                + "' at byte "
                + statusAt
                + " that cannot be decoded: "
                + e.getMessage(),
            e);
      }
      STATUS.compareAndSet(this, bytes, decoded); // unless a newer status came meanwhile
      return decoded;
    }

    /**
     * The latest status's kind, or null before one was recorded; unlike {@link #status()}, it
     * decodes the record only when its first byte does not say (a listing asks every workflow).
     */
    WorkflowStatus statusKind() {
      if (status instanceof byte[] bytes) {
        WorkflowStatus kind = StatusRecord.statusOf(bytes);
        if (kind != null) {
          return kind;
        }
      }
      StatusRecord record = status();
      return record == null ? null : record.status();
    }

    boolean hasStatus() {
      return status != null;
    }

    /** Takes what {@code other}, the same workflow read from a compacted log, holds. */
    void takeFrom(Workflow other) {
      expected = other.expected;
      failed = other.failed;
      interrupted = other.interrupted;
      dagAt = other.dagAt;
      status = other.status;
      statusAt = other.statusAt;
    }

    /** Records a status written at {@code at} in the log. */
    void status(StatusRecord record, long at) {
      status = record;
      statusAt = at;
    }

    private void statusBytes(byte[] bytes, long at) {
      status = bytes;
      statusAt = at;
    }

    /** How many map entries this process put for the workflow: what deleting it frees. */
    private volatile long entries;

    private static final java.util.concurrent.atomic.AtomicLongFieldUpdater<Workflow> ENTRIES =
        java.util.concurrent.atomic.AtomicLongFieldUpdater.newUpdater(Workflow.class, "entries");

    void putEntry() {
      ENTRIES.incrementAndGet(this);
    }

    long entries() {
      return entries;
    }
  }

  private final Map<String, Workflow> byId = new ConcurrentHashMap<>();

  /** Where each segment's owner took it over last: statuses written before are not its runs. */
  private final Map<Segment, Long> adopted = new ConcurrentHashMap<>();

  private final Map<Segment, Map<Long, Workflow>> bySegment = new ConcurrentHashMap<>();

  Workflow get(String id) {
    return byId.get(id);
  }

  /** The workflows with a recorded status. */
  List<Workflow> all() {
    List<Workflow> all = new ArrayList<>();
    for (Workflow workflow : byId.values()) {
      if (workflow.hasStatus()) {
        all.add(workflow);
      }
    }
    return all;
  }

  /** How many workflows of {@code segment} are stored. */
  int size(Segment segment) {
    Map<Long, Workflow> numbers = bySegment.get(segment);
    return numbers == null ? 0 : numbers.size();
  }

  /**
   * Whether the workflow's status was written by its segment's present owner (since it took the
   * segment over): a RUNNING one written before was a run of a process that died.
   */
  boolean since(Workflow workflow) {
    synchronized (workflow.segment.log) { // both offsets of one log, not one compacted and one not
      return workflow.statusAt > adopted.getOrDefault(workflow.segment, -1L);
    }
  }

  /** The workflows of {@code segment}, by number. */
  Map<Long, Workflow> of(Segment segment) {
    return bySegment.getOrDefault(segment, Map.of());
  }

  /** Where the segment's owner took it over last in its log; -1 when none did. */
  long adoptedAt(Segment segment) {
    return adopted.getOrDefault(segment, -1L);
  }

  void adoptedAt(Segment segment, long at) {
    adopted.put(segment, at);
  }

  /**
   * Replaces what it knew of {@code segment} with what {@code entries}, its whole log read again
   * after a compaction, say. The workflows that are still stored keep their objects, so that a
   * reader sees each one all along, with what it knew or with what it knows now.
   */
  void reload(Segment segment, List<SegmentLog.Entry> entries) {
    SegmentIndex fresh = new SegmentIndex();
    for (SegmentLog.Entry entry : entries) {
      fresh.apply(segment, entry);
    }
    Map<Long, Workflow> now = fresh.of(segment);
    Map<Long, Workflow> numbers =
        bySegment.computeIfAbsent(segment, s -> new ConcurrentHashMap<>());
    for (Map.Entry<Long, Workflow> stored : now.entrySet()) {
      Workflow is = stored.getValue();
      Workflow was = numbers.get(stored.getKey());
      if (was != null && was.id.equals(is.id)) {
        was.takeFrom(is);
      } else {
        numbers.put(stored.getKey(), is);
        byId.put(is.id, is);
      }
    }
    numbers
        .entrySet()
        .removeIf(
            stored -> {
              if (now.containsKey(stored.getKey())) {
                return false;
              }
              byId.remove(stored.getValue().id, stored.getValue());
              return true;
            });
    long at = fresh.adoptedAt(segment);
    if (at < 0) {
      adopted.remove(segment);
    } else {
      adopted.put(segment, at);
    }
  }

  /** Forgets what it knew of {@code segment}, to read its log again from its start. */
  void forget(Segment segment) {
    adopted.remove(segment);
    Map<Long, Workflow> numbers = bySegment.remove(segment);
    if (numbers != null) {
      for (Workflow workflow : numbers.values()) {
        byId.remove(workflow.id, workflow);
      }
    }
  }

  /**
   * Takes in one record of {@code segment}'s log; returns the workflow number a {@link
   * SegmentLog#DELETED} record deleted, else -1.
   */
  long apply(Segment segment, SegmentLog.Entry entry) {
    Map<Long, Workflow> numbers =
        bySegment.computeIfAbsent(segment, s -> new ConcurrentHashMap<>());
    if (entry.kind() == SegmentLog.CREATED) {
      String id = new String(entry.data(), StandardCharsets.UTF_8);
      Workflow workflow = new Workflow(id, segment, entry.number());
      numbers.put(entry.number(), workflow);
      byId.putIfAbsent(id, workflow);
      return -1;
    }
    if (entry.kind() == SegmentLog.ADOPTED) {
      adopted.put(segment, entry.offset()); // the RUNNING statuses before are of a past owner
      return -1;
    }
    if (entry.kind() == SegmentLog.NUMBERED) {
      return -1;
    }
    Workflow workflow = numbers.get(entry.number());
    if (entry.kind() == SegmentLog.DELETED) {
      // In a compacted log, a deletion whose values may still be in the maps stands alone.
      if (workflow != null) {
        numbers.remove(entry.number());
        byId.remove(workflow.id, workflow);
      }
      return entry.number();
    }
    if (workflow == null) {
      return -1; // deleted before: its later records mean nothing
    }
    try {
      switch (entry.kind()) {
        case SegmentLog.DAG -> workflow.dagAt = entry.offset();
        case SegmentLog.STATUS -> workflow.statusBytes(entry.data(), entry.offset());
        case SegmentLog.EXPECT -> {
          Map<String, String> expected = new HashMap<>(workflow.expected);
          try (Input in = new Input(entry.data())) {
            String key = in.readString();
            String type = in.readString();
            if (type == null) {
              expected.remove(key);
            } else {
              expected.put(key, type);
            }
          }
          workflow.expected = Map.copyOf(expected);
        }
        case SegmentLog.FAILED -> workflow.failed = decodeFailures(entry.data());
        case SegmentLog.INTERRUPTED -> workflow.interrupted = decodeAttempts(entry.data());
        default ->
            throw new CheckpointCorruptedException(
                segment.log.file(),
                "holds a record of unknown kind " + entry.kind() + " at byte " + entry.offset(),
                null);
      }
    } catch (KryoException e) {
      throw new CheckpointCorruptedException(
          segment.log.file(),
          "holds a record at byte " + entry.offset() + " that cannot be decoded: " + e.getMessage(),
          e);
    }
    return -1;
  }

  static byte[] encodeExpectation(String key, String type) {
    Output out = new Output(64, -1);
    out.writeString(key);
    out.writeString(type);
    return out.toBytes();
  }

  static byte[] encodeFailures(Map<Long, Failures> failures) {
    Output out = new Output(64, -1);
    out.writeVarInt(failures.size(), true);
    failures.forEach(
        (task, failed) -> {
          out.writeLong(task);
          out.writeVarInt(failed.attempts(), true);
          out.writeVarInt(failed.crashes(), true);
        });
    return out.toBytes();
  }

  private static Map<Long, Failures> decodeFailures(byte[] bytes) {
    Map<Long, Failures> failures = new LinkedHashMap<>();
    try (Input in = new Input(bytes)) {
      int count = in.readVarInt(true);
      for (int i = 0; i < count; i++) {
        failures.put(in.readLong(), new Failures(in.readVarInt(true), in.readVarInt(true)));
      }
    }
    return Map.copyOf(failures);
  }

  /** The attempts a dead process left running, by task key (an {@code INTERRUPTED} record). */
  static byte[] encodeAttempts(Map<Long, Integer> attempts) {
    Output out = new Output(64, -1);
    out.writeVarInt(attempts.size(), true);
    attempts.forEach(
        (task, attempt) -> {
          out.writeLong(task);
          out.writeVarInt(attempt, true);
        });
    return out.toBytes();
  }

  private static Map<Long, Integer> decodeAttempts(byte[] bytes) {
    Map<Long, Integer> attempts = new HashMap<>();
    try (Input in = new Input(bytes)) {
      int count = in.readVarInt(true);
      for (int i = 0; i < count; i++) {
        attempts.put(in.readLong(), in.readVarInt(true));
      }
    }
    return Map.copyOf(attempts);
  }
}
