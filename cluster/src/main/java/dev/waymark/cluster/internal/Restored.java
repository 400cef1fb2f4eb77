package dev.waymark.cluster.internal;

import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the members' own copies ({@link Mirror}) say of one workflow, gathered while a cluster that
 * stopped whole starts again: every version of its record's parts they hold, each part with the
 * version of the record that wrote it, and the incarnations deleted. Merged from member after
 * member, it keeps for each part the latest version; the record it {@linkplain #applyTo makes} is
 * the latest incarnation not deleted.
 */
final class Restored implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The parts of a record that are written together, as of {@code version}. */
  record Header(
      long version,
      long epoch,
      String lastDriver,
      String claim,
      byte[] status,
      byte[] failed,
      Map<String, byte[]> events,
      Map<String, String> expectations)
      implements Serializable {}

  /** A task value as of {@code version}; null {@code timed} when it was deleted then. */
  record Value(long version, byte[] timed) implements Serializable {}

  /** By incarnation ("" for a record that only holds events sent before it was run). */
  final Map<String, Header> headers = new HashMap<>();

  final Map<String, byte[]> dags = new HashMap<>();
  final Map<String, Map<Long, Value>> values = new HashMap<>();
  final Set<String> deleted = new HashSet<>();

  void header(String incarnation, Header header) {
    headers.merge(incarnation, header, (a, b) -> a.version() >= b.version() ? a : b);
  }

  void value(String incarnation, long key, Value value) {
    values
        .computeIfAbsent(incarnation, i -> new HashMap<>())
        .merge(key, value, (a, b) -> a.version() >= b.version() ? a : b);
  }

  void merge(Restored other) {
    other.headers.forEach(this::header);
    other.dags.forEach(dags::putIfAbsent);
    other.values.forEach((incarnation, byKey) -> byKey.forEach((k, v) -> value(incarnation, k, v)));
    deleted.addAll(other.deleted);
  }

  /**
   * Makes {@code record} the latest incarnation's record; returns false when every incarnation was
   * deleted (the record is left empty).
   */
  boolean applyTo(WorkflowEntry record) {
    String latest = null;
    for (Map.Entry<String, Header> header : headers.entrySet()) {
      if (!deleted.contains(header.getKey())
          && (latest == null || header.getValue().version() > headers.get(latest).version())) {
        latest = header.getKey();
      }
    }
    record.values.clear();
    record.events.clear();
    record.expectations.clear();
    record.driver = null;
    if (latest == null) {
      record.dag = null;
      record.status = null;
      record.failed = null;
      return false;
    }
    Header header = headers.get(latest);
    record.incarnation = latest.isEmpty() ? null : latest;
    record.version = header.version();
    record.epoch = header.epoch();
    record.lastDriver = header.lastDriver();
    record.claim = header.claim();
    record.status = header.status();
    record.failed = header.failed();
    record.dag = dags.get(latest);
    record.events.putAll(header.events());
    record.expectations.putAll(header.expectations());
    values
        .getOrDefault(latest, Map.of())
        .forEach(
            (key, value) -> {
              if (value.timed() != null) {
                record.values.put(key, value.timed());
              }
              record.version = Math.max(record.version, value.version());
            });
    return true;
  }
}
