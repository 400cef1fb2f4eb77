package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Stored array, collection and map lengths are checked against the bytes left before anything is
 * allocated for them, and the check changes neither the bytes written nor what they read back as.
 */
class BoundedReadTest {

  // ---------------------------------------------------------------------------------------------
  // Unchanged bytes and round trips

  /**
   * Bytes that {@link CheckpointCodec#serialize} wrote before the bound existed: they are still
   * what it writes, and still read back as the same values.
   */
  @Test
  void storedBytesAreTheSameAsBeforeAndReadTheSame() {
    Map<Integer, String> map = new HashMap<>();
    map.put(1, "a");
    map.put(2, null);
    Object[][] golden = {
      {new int[] {1, -2, 300, Integer.MAX_VALUE}, "cb9b59050203d804feffffff0f"},
      {new int[0], "cb9b5901"},
      {new long[] {1L, -2L, Long.MAX_VALUE}, "d291d968040203feffffffffffffffff"},
      {new double[] {1.5, -0.0}, "9cbed95803000000000000f83f0000000000000080"},
      {new float[] {1.5f, 2f}, "f6b7d948030000c03f00000040"},
      {new short[] {1, -1}, "cdfbd830030100ffff"},
      {new byte[] {1, 2, 3, -1}, "aaabd92805010203ff"},
      {new char[] {'a', '\u00fc'}, "bdaed930036100fc00"},
      {new boolean[] {true, false, true}, "e2ded86804010001"},
      {new String[] {"a", null, "\u00fc", ""}, "e2bce6530582618082c3bc81"},
      {new ArrayList<>(Arrays.asList(1, "x", null)), "e0ddea3e04020203827800"},
      {new ArrayList<>(Arrays.asList(1, 2, 3)), "e0ddea3e840200020406"},
      {new ArrayList<>(Collections.nCopies(5, null)), "e0ddea3e8600"},
      {new ArrayList<>(), "e0ddea3e01"},
      {new LinkedList<>(Arrays.asList("a", "b")), "ded3837d83030082618262"},
      {map, "d3aae249030202038261020400"},
      {new LinkedHashMap<>(map), "fca5ba2b030202038261020400"},
      {new TreeMap<>(map), "efc7e33d03000202038261020400"},
      {new HashSet<>(Arrays.asList(3, 1, 2)), "a586896a840200020406"},
      {new LinkedHashSet<>(Arrays.asList(3, 1, 2)), "9e8bbd1f840200060204"},
      {new TreeSet<>(Arrays.asList(3, 1, 2)), "d98e8b7d84000200020406"},
      {List.of(1, 2, 3), "c0a0fd5803020202040206"},
      {List.of(), "c0a0fd5800"},
      {Arrays.asList(1, null), "b4e2b52302020200"},
      {Set.of(1), "99dfa923010202"},
      {Map.of(1, "a"), "abdf8f61010202038261"},
      {Collections.unmodifiableMap(new LinkedHashMap<>(map)), "a5e0ed34020202038261020400"},
      {BigInteger.TEN, "99d9c245020a"},
      {new BigInteger("-1267650600228229401496703205376"), "99d9c2450ef0000000000000000000000000"},
      {new BigDecimal("1.5"), "f8efb768020f02"},
      {
        new BigDecimal("123456789012345678901234567890.5"), "f8efb7680e0f951a9fa3a286c94f0e766c3902"
      },
      {
        new ArrayList<>(List.of(new int[] {7}, List.of(new String[] {"s"}))),
        "e0ddea3e03cb9b59020ee9b24b01038273"
      },
    };
    for (Object[] row : golden) {
      Object value = row[0];
      byte[] stored = HexFormat.of().parseHex((String) row[1]);
      assertEquals(
          row[1], HexFormat.of().formatHex(CheckpointCodec.serialize(value)), describe(value));
      assertSameValue(value, CheckpointCodec.deserialize(stored, 0, stored.length));
    }
  }

  @Test
  void everyBuiltInArrayAndCollectionRoundTrips() {
    List<Object> values = new ArrayList<>();
    values.add(new int[] {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE});
    values.add(new long[] {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE});
    values.add(new double[] {Double.NaN, -0.0, Double.MAX_VALUE});
    values.add(new float[] {Float.NaN, -0.0f, Float.MIN_VALUE});
    values.add(new short[] {Short.MIN_VALUE, 0, Short.MAX_VALUE});
    values.add(new byte[] {Byte.MIN_VALUE, 0, Byte.MAX_VALUE});
    values.add(new char[] {0, 'z', '\uffff'});
    values.add(new boolean[] {false, true});
    values.add(new String[] {null, "", "x", "\u00e9t\u00e9"});
    for (Class<?> type :
        List.of(
            int[].class,
            long[].class,
            double[].class,
            float[].class,
            short[].class,
            byte[].class,
            char[].class,
            boolean[].class,
            String[].class)) {
      values.add(java.lang.reflect.Array.newInstance(type.getComponentType(), 0));
    }
    values.add(BigInteger.ZERO);
    values.add(BigInteger.ONE.shiftLeft(4_000).negate());
    values.add(BigDecimal.ZERO);
    values.add(BigDecimal.ONE);
    values.add(new BigDecimal(BigInteger.ONE.shiftLeft(1_000), -7));
    // Large ones: the bound is not a size limit.
    values.add(new byte[100_000]);
    double[] doubles = new double[50_000];
    Arrays.fill(doubles, 0.25);
    values.add(doubles);
    List<Integer> many = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      many.add(i);
    }
    values.add(many);
    // Lists whose elements take no bytes: nulls only.
    values.add(new ArrayList<>(Collections.nCopies(1_000, null)));
    values.add(new LinkedList<>(Collections.nCopies(1_000, null)));
    values.add(new ArrayList<>(Arrays.asList(null, 1, null)));
    values.add(new LinkedList<>(List.of("a", "b")));
    values.add(new HashSet<>(Arrays.asList(1, null)));
    values.add(new LinkedHashSet<>(Collections.singleton(null)));
    values.add(new TreeSet<>(List.of("b", "a")));
    Map<String, Object> map = new HashMap<>();
    map.put("k", List.of(1));
    map.put(null, null);
    values.add(map);
    values.add(new LinkedHashMap<>(map));
    values.add(new TreeMap<>(Map.of("b", 2, "a", 1)));
    values.add(new HashMap<>());
    values.add(new TreeMap<>());
    // Read-only JDK collections: read back as unmodifiable ones with the same elements.
    values.add(List.of());
    values.add(List.of(1));
    values.add(List.of(1, 2, 3, 4, 5));
    values.add(Arrays.asList(null, null, null));
    values.add(Collections.emptyList());
    values.add(Collections.singletonList(null));
    values.add(Collections.unmodifiableList(new ArrayList<>(List.of(1, 2))));
    values.add(Collections.unmodifiableList(new LinkedList<>(List.of(1, 2))));
    values.add(Set.of());
    values.add(Set.of(1));
    values.add(Set.of(1, 2, 3));
    values.add(Collections.emptySet());
    values.add(Collections.singleton(1));
    values.add(Collections.unmodifiableSet(new HashSet<>(List.of(1, 2))));
    values.add(Map.of());
    values.add(Map.of(1, 1));
    values.add(Map.of(1, 1, 2, 2));
    values.add(Collections.emptyMap());
    values.add(Collections.singletonMap(1, 1));
    values.add(Collections.unmodifiableMap(new HashMap<>(Map.of(1, 1, 2, 2))));
    // Nested, so the inner lengths are checked against what is left of the outer value.
    values.add(
        new ArrayList<>(
            List.of(
                new int[] {1},
                Map.of("m", new long[] {2}),
                List.of(new String[] {"s"}, Set.of(new ArrayList<>(List.of(3)))))));

    for (Object value : values) {
      byte[] bytes = CheckpointCodec.serialize(value);
      assertSameValue(value, CheckpointCodec.deserialize(bytes, 0, bytes.length));
      // The same bytes in the middle of a larger buffer, as they are in a checkpoint file.
      byte[] padded = new byte[bytes.length + 10];
      System.arraycopy(bytes, 0, padded, 3, bytes.length);
      assertSameValue(value, CheckpointCodec.deserialize(padded, 3, bytes.length));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Crafted lengths

  private static final int HUGE = 1 << 30;

  @Test
  void hugeStringLengthsAreRefusedWithoutAllocating() {
    Output string = new Output(32, -1);
    string.writeVarInt(1 + 2, true); // Kryo's own id for String
    string.writeVarIntFlag(true, HUGE + 1, true); // UTF-8, characters + 1
    string.writeBytes(new byte[12]);
    assertRefused(string.toBytes(), "a stored string claims 1073741824 characters but only");
    Output inArray = new Output(32, -1);
    inArray.writeVarInt(CheckpointCodec.idOf(String[].class) + 2, true);
    inArray.writeVarInt(2 + 1, true);
    inArray.writeString("ok");
    inArray.writeVarIntFlag(true, HUGE + 1, true);
    inArray.writeBytes(new byte[12]);
    assertRefused(inArray.toBytes(), "a stored string claims 1073741824 characters but only");
    for (String fine : new String[] {"", "ascii", "ünïcödé", "x".repeat(10_000), null}) {
      assertEquals(
          fine,
          CheckpointCodec.deserialize(
              CheckpointCodec.serialize(fine), 0, CheckpointCodec.serialize(fine).length));
    }
  }

  @Test
  void hugeArrayAndNumberLengthsAreRefusedWithoutAllocating() {
    assertRefused(
        prefixed(int[].class, HUGE + 1, false, false),
        "a stored int[] claims 1073741824 elements but only 12 bytes are left");
    assertRefused(
        prefixed(byte[].class, HUGE + 1, false, false),
        "a stored byte[] claims 1073741824 elements but only 12 bytes are left");
    assertRefused(
        prefixed(String[].class, HUGE + 1, false, false),
        "a stored java.lang.String[] claims 1073741824 elements but only 12 bytes are left");
    // 8 GB if it were allocated.
    assertRefused(
        prefixed(long[].class, HUGE + 1, false, false),
        "a stored long[] claims 1073741824 elements but only 12 bytes are left");
    assertRefused(
        prefixed(double[].class, 3, false, false),
        "a stored double[] claims 2 elements of at least 8 bytes each but only 12 bytes are left");
    assertRefused(
        prefixed(char[].class, 8, false, false),
        "a stored char[] claims 7 elements of at least 2 bytes each but only 12 bytes are left");
    assertRefused(
        prefixed(float[].class, HUGE + 1, false, false),
        "a stored float[] claims 1073741824 elements of at least 4 bytes each"
            + " but only 12 bytes are left");
    for (Class<?> type : List.of(short[].class, boolean[].class)) {
      assertRefused(prefixed(type, HUGE + 1, false, false), "claims 1073741824 elements");
    }
    // The bytes of a BigInteger, or of a BigDecimal's unscaled value: a byte array too.
    assertRefused(
        prefixed(BigInteger.class, HUGE + 1, false, false),
        "a stored java.math.BigInteger claims 1073741824 bytes but only 12 bytes are left");
    assertRefused(
        prefixed(BigDecimal.class, HUGE + 1, false, false),
        "a stored java.math.BigDecimal claims 1073741824 bytes but only 12 bytes are left");
    // A five-byte var-int that Kryo would read as a negative length: NegativeArraySizeException.
    assertRefused(
        prefixed(byte[].class, -1, false, false),
        "a stored byte[] claims 4294967294 elements but only 12 bytes are left");
  }

  @Test
  void hugeCollectionAndMapLengthsAreRefusedWithoutAllocating() {
    assertRefused(
        prefixed(ArrayList.class, HUGE + 1, true, false),
        "a stored java.util.ArrayList claims 1073741824 elements but only 12 bytes are left");
    assertRefused(
        prefixed(HashSet.class, HUGE + 1, true, false),
        "a stored java.util.HashSet claims 1073741824 elements but only 12 bytes are left");
    assertRefused(
        prefixed(TreeSet.class, HUGE + 1, true, true),
        "a stored java.util.TreeSet claims 1073741824 elements but only 12 bytes are left");
    assertRefused(
        prefixed(HashMap.class, HUGE + 1, false, false),
        "a stored java.util.HashMap claims 1073741824 entries of at least 2 bytes each"
            + " but only 12 bytes are left");
    assertRefused(
        prefixed(TreeMap.class, HUGE + 1, false, false),
        "a stored java.util.TreeMap claims 1073741824 entries");
    // List.of(..) and the other read-only collections store the count itself, not count + 1.
    assertRefused(
        prefixed(List.of(1, 2, 3).getClass(), HUGE, false, false),
        "a stored java.util.ImmutableCollections$ListN claims 1073741824 elements"
            + " but only 12 bytes are left");
    assertRefused(
        prefixed(Set.of(1).getClass(), HUGE, false, false),
        "a stored java.util.ImmutableCollections$Set12 claims 1073741824 elements");
    assertRefused(
        prefixed(Map.of().getClass(), 7, false, false),
        "a stored java.util.ImmutableCollections$MapN claims 7 entries of at least 2 bytes each"
            + " but only 12 bytes are left");
  }

  @Test
  void aListOfNullsMayClaimMoreElementsThanBytesButNotWithoutLimit() {
    // Same class flag, count, then class 0 (null): Kryo's encoding of a list of nulls.
    Output out = new Output(32, -1);
    out.writeVarInt(CheckpointCodec.idOf(ArrayList.class) + 2, true);
    out.writeVarIntFlag(true, 40 + 1, true);
    out.writeVarInt(Kryo.NULL, true);
    List<?> nulls = (List<?>) CheckpointCodec.deserialize(out.getBuffer(), 0, out.position());
    assertEquals(Collections.nCopies(40, null), nulls);

    out.reset();
    out.writeVarInt(CheckpointCodec.idOf(ArrayList.class) + 2, true);
    out.writeVarIntFlag(true, HUGE + 1, true);
    out.writeVarInt(Kryo.NULL, true);
    assertRefused(
        out.toBytes(),
        "a stored java.util.ArrayList claims 1073741824 elements, all null or empty, more than"
            + " the 16777216 Waymark reads");

    // Same class, but a real one: each element takes bytes again.
    out.reset();
    out.writeVarInt(CheckpointCodec.idOf(ArrayList.class) + 2, true);
    out.writeVarIntFlag(true, HUGE + 1, true);
    out.writeVarInt(CheckpointCodec.idOf(ArrayList.class) + 2, true);
    out.writeBoolean(false);
    assertRefused(
        out.toBytes(), "a stored java.util.ArrayList claims 1073741824 elements but only 5 bytes");
  }

  // ---------------------------------------------------------------------------------------------
  // Arrays that step modules register (Kryo's ObjectArraySerializer) and records without components

  /** A record without components, written the way the processor writes it: not at all. */
  record Empty() {}

  private static final class EmptySerializer extends Serializer<Empty> {
    EmptySerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Empty empty) {}

    @Override
    public Empty read(Kryo kryo, Input input, Class<? extends Empty> type) {
      return new Empty();
    }
  }

  /** A Kryo set up like a step module's types in {@link CheckpointCodec}, bound or not. */
  private static Kryo moduleKryo(boolean bounded) {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    register(kryo, Empty.class, new EmptySerializer(), bounded);
    for (Class<?> type :
        List.of(
            Empty[].class,
            int[].class,
            int[][].class,
            Integer[].class,
            ArrayList.class,
            LinkedList.class,
            HashMap.class)) {
      register(kryo, type, null, bounded);
    }
    return kryo;
  }

  private static void register(Kryo kryo, Class<?> type, Serializer<?> serializer, boolean bound) {
    int id = CheckpointCodec.idOf(type);
    Registration registration =
        serializer == null ? kryo.register(type, id) : kryo.register(type, serializer, id);
    if (bound) {
      registration.setSerializer(BoundedLengthSerializer.wrap(type, registration.getSerializer()));
    }
  }

  @Test
  void moduleArraysAndListsOfEmptyRecordsWriteTheSameBytesAndReadBack() {
    Kryo plain = moduleKryo(false);
    Kryo bounded = moduleKryo(true);
    assertInstanceOf(BoundedLengthSerializer.class, bounded.getSerializer(int[][].class));
    List<Object> values =
        List.of(
            new Empty[] {new Empty(), null, new Empty()},
            new int[][] {{1, 2}, null, {}},
            new Integer[] {1, null, 3},
            // 500 empty records: 11 bytes in all, no byte per element.
            new ArrayList<>(Collections.nCopies(500, new Empty())),
            new LinkedList<>(Collections.nCopies(500, new Empty())),
            new ArrayList<>(Arrays.asList(new Empty(), null, new Empty())),
            new ArrayList<>(List.of(new int[][] {{3}}, new Empty[0])),
            new HashMap<>(Map.of(new Empty(), new Integer[] {4})));
    for (Object value : values) {
      Output out = new Output(64, -1);
      plain.writeClassAndObject(out, value);
      byte[] expected = out.toBytes();
      out.reset();
      bounded.writeClassAndObject(out, value);
      assertArrayEquals(expected, out.toBytes(), describe(value));
      assertSameValue(value, bounded.readClassAndObject(new Input(expected)));
    }
    byte[] empties = bytes(plain, new ArrayList<>(Collections.nCopies(500, new Empty())));
    // List class, count, element class, no-null flag: 4 + 2 + 4 + 1, nothing per element.
    assertEquals(11, empties.length, "500 empty records take " + empties.length + " bytes");
  }

  @Test
  void moduleArraysAndListsOfEmptyRecordsAreBoundToo() {
    Kryo bounded = moduleKryo(true);
    assertRefused(
        bounded,
        prefixed(Integer[].class, HUGE + 1, false, false),
        "a stored java.lang.Integer[] claims 1073741824 elements but only 12 bytes are left");
    assertRefused(
        bounded,
        prefixed(Empty[].class, HUGE + 1, false, false),
        "claims 1073741824 elements but only 12 bytes are left");
    // An inner array: checked against what is left of the outer value.
    Output out = new Output(32, -1);
    out.writeVarInt(CheckpointCodec.idOf(int[][].class) + 2, true);
    out.writeVarInt(2 + 1, true);
    out.writeVarInt(HUGE + 1, true);
    out.writeBytes(new byte[6]);
    assertRefused(
        bounded, out.toBytes(), "a stored int[] claims 1073741824 elements but only 6 bytes");
    // A list of empty records claims more than the limit.
    out.reset();
    out.writeVarInt(CheckpointCodec.idOf(ArrayList.class) + 2, true);
    out.writeVarIntFlag(true, BoundedLengthSerializer.MAX_EMPTY_ELEMENTS + 2, true);
    out.writeVarInt(CheckpointCodec.idOf(Empty.class) + 2, true);
    out.writeBoolean(false);
    assertRefused(bounded, out.toBytes(), "claims 16777217 elements, all null or empty");
    // The same list with null among them: every element has a marker byte.
    out.reset();
    out.writeVarInt(CheckpointCodec.idOf(ArrayList.class) + 2, true);
    out.writeVarIntFlag(true, 100 + 1, true);
    out.writeVarInt(CheckpointCodec.idOf(Empty.class) + 2, true);
    out.writeBoolean(true);
    assertRefused(
        bounded, out.toBytes(), "a stored java.util.ArrayList claims 100 elements but only 5");
  }

  @Test
  void anInputReadFromAStreamIsNotBoundByItsBuffer() {
    Kryo bounded = moduleKryo(true);
    int[] big = new int[5_000];
    Arrays.fill(big, 123_456);
    byte[] bytes = bytes(bounded, big);
    Input stream = new Input(new ByteArrayInputStream(bytes), 16);
    assertArrayEquals(big, (int[]) bounded.readClassAndObject(stream));
  }

  @Test
  void anArrayOrCollectionWithAnUnknownSerializerIsRefusedUpFront() {
    Serializer<int[]> custom =
        new Serializer<>() {
          @Override
          public void write(Kryo kryo, Output output, int[] object) {}

          @Override
          public int[] read(Kryo kryo, Input input, Class<? extends int[]> type) {
            return new int[0];
          }
        };
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> BoundedLengthSerializer.wrap(int[].class, custom));
    assertTrue(e.getMessage().contains("int[]"), e.getMessage());
    // Serializers that read no length come back as they are.
    EmptySerializer plain = new EmptySerializer();
    assertSame(plain, BoundedLengthSerializer.wrap(Empty.class, plain));
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /** {@code type}'s class id, then {@code stored} as its length, then 12 bytes. */
  private static byte[] prefixed(Class<?> type, int stored, boolean flagged, boolean flag) {
    Output out = new Output(32, -1);
    out.writeVarInt(CheckpointCodec.idOf(type) + 2, true);
    if (flagged) {
      out.writeVarIntFlag(flag, stored, true);
    } else {
      out.writeVarInt(stored, true);
    }
    out.writeBytes(new byte[12]);
    return out.toBytes();
  }

  private static void assertRefused(byte[] bytes, String message) {
    assertRefused(null, bytes, message);
  }

  /**
   * Reading {@code bytes} fails with {@code message} within a second, having allocated less than a
   * megabyte on this thread: the claimed length was never allocated.
   */
  private static void assertRefused(Kryo kryo, byte[] bytes, String message) {
    // Warm up: the thread's codec and the exception's classes are made once.
    assertThrows(
        KryoException.class,
        () ->
            read(kryo, prefixed(int[].class, Integer.MAX_VALUE, false, false), 0, /* length */ 12));
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
    long start = System.nanoTime();
    KryoException e = assertThrows(KryoException.class, () -> read(kryo, bytes, 0, bytes.length));
    long millis = (System.nanoTime() - start) / 1_000_000;
    long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(millis < 1_000, "took " + millis + " ms");
    assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes");
  }

  private static Object read(Kryo kryo, byte[] bytes, int offset, int length) {
    if (kryo == null) {
      return CheckpointCodec.deserialize(bytes, offset, length);
    }
    Input input = new Input(bytes, offset, length);
    return kryo.readClassAndObject(input);
  }

  private static byte[] bytes(Kryo kryo, Object value) {
    Output out = new Output(64, -1);
    kryo.writeClassAndObject(out, value);
    return out.toBytes();
  }

  /** Equal elements, and the same class where it is kept (arrays and the mutable collections). */
  private static void assertSameValue(Object expected, Object actual) {
    String what = describe(expected);
    if (expected == null) {
      assertNull(actual, what);
      return;
    }
    if (expected.getClass().isArray()) {
      assertSame(expected.getClass(), actual.getClass(), what);
      assertTrue(Arrays.deepEquals(new Object[] {expected}, new Object[] {actual}), what);
      return;
    }
    if (expected.getClass().getPackageName().equals("java.util")
        && !expected.getClass().getName().contains("$")) {
      assertSame(expected.getClass(), actual.getClass(), what);
    }
    if (expected instanceof List<?> list) {
      List<?> other = (List<?>) actual;
      assertEquals(list.size(), other.size(), what);
      for (int i = 0; i < list.size(); i++) {
        assertSameValue(list.get(i), other.get(i));
      }
    } else if (expected instanceof Set<?> set) {
      assertEquals(set, actual, what);
    } else if (expected instanceof Map<?, ?> map) {
      Map<?, ?> other = (Map<?, ?>) actual;
      assertEquals(map.keySet(), other.keySet(), what);
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        assertSameValue(entry.getValue(), other.get(entry.getKey()));
      }
    } else {
      assertEquals(expected, actual, what);
    }
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    String text =
        value.getClass().isArray()
            ? Arrays.deepToString(new Object[] {value})
            : String.valueOf(value);
    return value.getClass().getName()
        + " "
        + (text.length() > 80 ? text.substring(0, 80) + "..." : text);
  }
}
