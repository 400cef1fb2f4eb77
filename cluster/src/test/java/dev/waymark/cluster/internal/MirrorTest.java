package dev.waymark.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.waymark.ClusterOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real members on loopback, in this JVM, each with its own copy of the records it holds ({@link
 * Mirror}) on disk: every write is in the copies of both the record's owner and its backup, a copy
 * opened again reads the same, and the copies of several members merge into the latest record,
 * leaving out an incarnation that was deleted.
 */
class MirrorTest {
  static {
    System.setProperty("org.slf4j.simpleLogger.log.com.hazelcast", "warn");
  }

  @TempDir Path dir;

  private final List<HazelcastInstance> members = new ArrayList<>();
  private final List<Mirror> mirrors = new ArrayList<>();

  @AfterEach
  void stop() {
    members.forEach(member -> member.getLifecycleService().terminate());
    mirrors.forEach(Mirror::close);
  }

  @Test
  void everyWriteIsInTheCopiesOfTheOwnerAndTheBackupAndTheyMergeIntoTheLatestRecord()
      throws Exception {
    ClusterOptions options = ClusterOptions.loopback("waymark-" + UUID.randomUUID(), 5821, 2);
    for (int i = 0; i < 2; i++) {
      Mirror mirror = Mirror.open(dir.resolve("member-" + i));
      mirrors.add(mirror);
      members.add(Members.start(options, Map.of(Mirror.CONTEXT, mirror)));
    }
    while (!members.get(0).getPartitionService().isClusterSafe()) {
      Thread.sleep(10); // the partitions are still being given out
    }
    IMap<String, WorkflowEntry> workflows = members.get(0).getMap(Members.WORKFLOWS);
    byte[] big = new byte[3 * 8192 + 5]; // kept in pieces
    Arrays.fill(big, (byte) 7);
    long epoch =
        workflows.executeOnKey("wf", new Takeover("a", "first", Set.of("a"), true, false)).epoch();
    assertTrue(workflows.executeOnKey("wf", FencedWrite.begin(epoch, bytes("dag"), bytes("run"))));
    assertTrue(workflows.executeOnKey("wf", FencedWrite.value(epoch, 1, bytes("one"))));
    assertTrue(workflows.executeOnKey("wf", FencedWrite.value(epoch, 2, big)));
    assertTrue(workflows.executeOnKey("wf", FencedWrite.value(epoch, 3, bytes("scratch"))));
    assertTrue(workflows.executeOnKey("wf", FencedWrite.deleteValue(epoch, 3)));
    workflows.executeOnKey("wf", new PostEvent("approved", bytes("yes")));
    assertTrue(workflows.executeOnKey("wf", FencedWrite.status(epoch, bytes("done"))));

    for (int i = 0; i < 2; i++) {
      WorkflowEntry copy = restored(List.of(mirrors.get(i)), "wf");
      assertArrayEquals(bytes("dag"), copy.dag, "member " + i + "'s copy has the DAG");
      assertArrayEquals(bytes("done"), copy.status, "and the last status");
      assertArrayEquals(bytes("one"), copy.values.get(1L));
      assertArrayEquals(big, copy.values.get(2L));
      assertFalse(copy.values.containsKey(3L), "a deleted value stays deleted");
      assertArrayEquals(bytes("yes"), copy.events.get("approved"));
      assertEquals(epoch, copy.epoch);
      assertEquals(workflows.get("wf").version, copy.version);
    }

    // Its files, as a kill leaves them (copied while open), read the same.
    Path files = dir.resolve("member-1-files");
    try (var paths = Files.list(dir.resolve("member-1"))) {
      Files.createDirectories(files);
      for (Path file : paths.toList()) {
        Files.copy(file, files.resolve(file.getFileName()));
      }
    }
    Mirror reopened = Mirror.open(files);
    mirrors.add(reopened);
    assertArrayEquals(big, restored(List.of(reopened), "wf").values.get(2L));

    // Deleted, then run again under the same id: the copies hold the new incarnation only.
    assertTrue(workflows.executeOnKey("wf", FencedWrite.deleteAll(epoch)));
    assertNull(restored(List.of(mirrors.get(0)), "wf"), "a deleted workflow is not restored");
    long again =
        workflows.executeOnKey("wf", new Takeover("a", "second", Set.of("a"), true, false)).epoch();
    assertTrue(workflows.executeOnKey("wf", FencedWrite.begin(again, bytes("dag2"), bytes("run"))));
    WorkflowEntry merged = restored(List.of(reopened, mirrors.get(0)), "wf");
    assertArrayEquals(bytes("dag2"), merged.dag);
    assertTrue(merged.values.isEmpty(), "the values of the deleted incarnation are left out");
  }

  /** The record the copies of {@code from} make of {@code id}, or null when it was deleted. */
  private static WorkflowEntry restored(List<Mirror> from, String id) {
    Restored all = new Restored();
    for (Mirror mirror : from) {
      Restored one = mirror.load().get(id);
      if (one != null) {
        all.merge(one);
      }
    }
    WorkflowEntry record = new WorkflowEntry();
    return all.applyTo(record) ? record : null;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
