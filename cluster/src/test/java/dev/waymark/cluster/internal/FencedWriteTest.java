package dev.waymark.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import dev.waymark.ClusterOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three real members on loopback, in this JVM: a write is refused to a driver whose epoch a
 * takeover raised past, a live driver is not taken over, what was written outlives the abrupt end
 * of the member that held the record (its backup takes over), and a member left alone, below the
 * quorum, accepts no write.
 */
class FencedWriteTest {
  static {
    System.setProperty("org.slf4j.simpleLogger.log.com.hazelcast", "warn");
  }

  private final List<HazelcastInstance> members = new ArrayList<>();

  @AfterEach
  void stop() {
    members.forEach(member -> member.getLifecycleService().terminate());
  }

  @Test
  void aPausedDriversWriteIsRefusedAndWritesOutliveTheMemberThatHeldThem() throws Exception {
    ClusterOptions options = ClusterOptions.loopback("waymark-" + UUID.randomUUID(), 5801, 3);
    for (int i = 0; i < 3; i++) {
      members.add(Members.start(options));
    }
    assertEquals(3, members.get(0).getCluster().getMembers().size());
    while (!members.get(0).getPartitionService().isClusterSafe()) {
      Thread.sleep(10); // the partitions are still being given out
    }
    IMap<String, WorkflowEntry> fromFirst = members.get(0).getMap(Members.WORKFLOWS);
    IMap<String, WorkflowEntry> fromThird = members.get(2).getMap(Members.WORKFLOWS);

    assertFalse(on(fromFirst, "order-1", FencedWrite.value(1, 7, bytes("x"))));
    assertEquals(0, on(fromFirst, "order-1", takeover("a", Set.of(), false)).epoch());
    Takeover.Claimed first = on(fromFirst, "order-1", takeover("a", Set.of(), true));
    assertEquals(1, first.epoch());
    assertFalse(first.current());
    long paused = first.epoch();
    assertTrue(on(fromFirst, "order-1", FencedWrite.value(paused, 1, bytes("A"))));

    Takeover.Claimed refused = on(fromThird, "order-1", takeover("c", Set.of("a", "c"), true));
    assertEquals(0, refused.epoch(), "a live driver is not taken over");
    assertEquals("a", refused.holder());

    Takeover sentTwice = new Takeover("c", "claim-c", Set.of("c"), true, false);
    Takeover.Claimed second = on(fromThird, "order-1", sentTwice);
    assertEquals(2, second.epoch());
    Takeover.Claimed again = on(fromThird, "order-1", sentTwice);
    assertEquals(2, again.epoch(), "a takeover sent again does not raise the epoch again");
    assertArrayEquals(bytes("A"), again.copy().values.get(1L), "and is answered with a copy");
    assertArrayEquals(bytes("A"), second.copy().values.get(1L), "the new driver gets the record");
    long current = second.epoch();
    assertFalse(on(fromFirst, "order-1", FencedWrite.value(paused, 2, bytes("late"))));
    assertTrue(on(fromThird, "order-1", FencedWrite.value(current, 2, bytes("B"))));

    HazelcastInstance holder =
        members.stream()
            .filter(
                member ->
                    member
                        .getPartitionService()
                        .getPartition("order-1")
                        .getOwner()
                        .equals(member.getCluster().getLocalMember()))
            .findFirst()
            .orElseThrow();
    holder.getLifecycleService().terminate(); // abrupt: nothing handed over
    members.remove(holder);

    IMap<String, WorkflowEntry> survivors = members.get(0).getMap(Members.WORKFLOWS);
    WorkflowEntry record = survivors.get("order-1");
    assertEquals(2, record.epoch());
    assertEquals("c", record.driver());
    assertArrayEquals(bytes("A"), record.values.get(1L));
    assertArrayEquals(bytes("B"), record.values.get(2L));
    assertNull(record.values.get(3L));
    assertFalse(on(survivors, "order-1", FencedWrite.value(paused, 3, bytes("late"))));

    // One member alone is below the quorum of two: it accepts no write (nor a read of the maps).
    HazelcastInstance last = members.get(0);
    members.get(1).getLifecycleService().terminate();
    members.remove(1);
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (last.getCluster().getMembers().size() > 1) {
      assertTrue(System.nanoTime() < deadline, "the member saw the other leave");
      Thread.sleep(10);
    }
    IMap<String, WorkflowEntry> alone = last.getMap(Members.WORKFLOWS);
    // The protection follows the member list a moment later: until then a write may still pass.
    while (true) {
      try {
        alone.executeOnKey("order-1", FencedWrite.value(current, 3, bytes("C")));
      } catch (SplitBrainProtectionException belowQuorum) {
        break;
      }
      assertTrue(System.nanoTime() < deadline, "the member alone refused writes");
      Thread.sleep(10);
    }
  }

  /** Runs {@code processor} as the store does: again while a member's leave leaves it unknown. */
  private static <R> R on(
      IMap<String, WorkflowEntry> map,
      String key,
      com.hazelcast.map.EntryProcessor<String, WorkflowEntry, R> processor) {
    return Calls.retrying(key, () -> map.executeOnKey(key, processor));
  }

  private static Takeover takeover(String member, Set<String> alive, boolean create) {
    return new Takeover(member, UUID.randomUUID().toString(), alive, create, false);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
