package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.waymark.internal.CheckpointCodec;
import dev.waymark.samples.BoundedRecordSteps.Empty;
import dev.waymark.samples.BoundedRecordSteps.Sample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The serializers the processor generates read array, collection and map components through the
 * registered serializers, so a stored length inside a record is bounded like one at the top.
 */
class GeneratedSerializerBoundTest {
  private static final int HUGE = 1 << 30;

  @Test
  void recordsWithArraysCollectionsAndMapsRoundTrip() {
    Sample sample =
        new Sample(
            new int[] {1, 2, 3},
            new ArrayList<>(List.of("a", "b")),
            new HashMap<>(Map.of("x", 1)),
            new Empty[] {new Empty(), null});
    byte[] bytes = CheckpointCodec.serialize(sample);
    Sample back = (Sample) CheckpointCodec.deserialize(bytes, 0, bytes.length);
    assertArrayEquals(sample.values(), back.values());
    assertEquals(sample.names(), back.names());
    assertEquals(sample.counts(), back.counts());
    assertArrayEquals(sample.empties(), back.empties());

    // 1,000 records that take no bytes each: a list may claim more elements than it has bytes.
    List<Empty> empties = new ArrayList<>(Collections.nCopies(1_000, new Empty()));
    byte[] stored = CheckpointCodec.serialize(empties);
    assertTrue(stored.length < 20, stored.length + " bytes");
    assertEquals(empties, CheckpointCodec.deserialize(stored, 0, stored.length));
  }

  @Test
  void aHugeLengthInsideARecordIsRefused() {
    byte[] valid =
        CheckpointCodec.serialize(
            new Sample(new int[0], new ArrayList<>(), new HashMap<>(), new Empty[0]));
    // The record's class, the first component's class (int[]), its count + 1 (1: empty), the
    // second component's class (ArrayList), its count + 1, ...
    Input in = new Input(valid);
    in.readVarInt(true);
    in.readVarInt(true);
    int intArrayCount = in.position();
    in.readVarInt(true);
    in.readVarInt(true);
    int listCount = in.position();

    assertRefused(
        craft(valid, intArrayCount, false),
        "a stored int[] claims 1073741824 elements but only 12 bytes are left");
    assertRefused(
        craft(valid, listCount, true),
        "a stored java.util.ArrayList claims 1073741824 elements but only 12 bytes are left");
  }

  /** {@code valid} up to {@code at}, then a claimed count of 2^30, then 12 bytes. */
  private static byte[] craft(byte[] valid, int at, boolean flagged) {
    Output out = new Output(64, -1);
    out.writeBytes(Arrays.copyOf(valid, at));
    if (flagged) {
      out.writeVarIntFlag(false, HUGE + 1, true);
    } else {
      out.writeVarInt(HUGE + 1, true);
    }
    out.writeBytes(new byte[12]);
    return out.toBytes();
  }

  private static void assertRefused(byte[] bytes, String message) {
    KryoException e =
        assertThrows(
            KryoException.class, () -> CheckpointCodec.deserialize(bytes, 0, bytes.length));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
