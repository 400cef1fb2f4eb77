package dev.waymark.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import dev.waymark.cluster.internal.FencedCommit;
import dev.waymark.cluster.internal.FencedCommit.Outcome;
import dev.waymark.cluster.internal.Members;
import dev.waymark.cluster.internal.Takeover;
import dev.waymark.cluster.internal.WorkflowEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three real members on loopback, in this JVM: a step commit is refused to a driver whose epoch a
 * takeover raised past, a task commits once, what was committed outlives the abrupt end of the
 * member that held the record (its backup takes over), and a member left alone, below the quorum,
 * accepts no commit.
 */
class FencedCommitTest {
  static {
    System.setProperty("org.slf4j.simpleLogger.log.com.hazelcast", "warn");
  }

  private final List<HazelcastInstance> members = new ArrayList<>();

  @AfterEach
  void stop() {
    members.forEach(member -> member.getLifecycleService().terminate());
  }

  @Test
  void aPausedDriversCommitIsRefusedAndCommitsOutliveTheMemberThatHeldThem() throws Exception {
    ClusterOptions options = ClusterOptions.loopback("waymark-" + UUID.randomUUID(), 5801, 3);
    for (int i = 0; i < 3; i++) {
      members.add(Members.start(options));
    }
    assertEquals(3, members.get(0).getCluster().getMembers().size());
    IMap<String, WorkflowEntry> fromFirst = members.get(0).getMap(Members.WORKFLOWS);
    IMap<String, WorkflowEntry> fromThird = members.get(2).getMap(Members.WORKFLOWS);

    assertEquals(Outcome.NO_DRIVER, fromFirst.executeOnKey("order-1", commit(1, "a", "x")));
    long paused = fromFirst.executeOnKey("order-1", new Takeover());
    assertEquals(1, paused);
    assertEquals(Outcome.COMMITTED, fromFirst.executeOnKey("order-1", commit(paused, "a", "A")));

    long current = fromThird.executeOnKey("order-1", new Takeover()); // the first looked dead
    assertEquals(2, current);
    assertEquals(Outcome.FENCED, fromFirst.executeOnKey("order-1", commit(paused, "b", "late")));
    assertEquals(Outcome.COMMITTED, fromThird.executeOnKey("order-1", commit(current, "b", "B")));
    assertEquals(
        Outcome.ALREADY_COMMITTED, fromThird.executeOnKey("order-1", commit(current, "a", "A2")));

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
    assertArrayEquals(bytes("A"), record.output("a"));
    assertArrayEquals(bytes("B"), record.output("b"));
    assertEquals(null, record.output("late"));
    assertEquals(Outcome.FENCED, survivors.executeOnKey("order-1", commit(paused, "c", "late")));

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
    assertThrows(
        SplitBrainProtectionException.class,
        () -> alone.executeOnKey("order-1", commit(current, "c", "C")));
  }

  private static FencedCommit commit(long epoch, String task, String output) {
    return new FencedCommit(epoch, task, bytes(output));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
