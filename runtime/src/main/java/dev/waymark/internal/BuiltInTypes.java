package dev.waymark.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.waymark.RecordedException;
import dev.waymark.Result;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/** The JDK types every checkpoint may hold, whatever the steps declare. */
final class BuiltInTypes {
  /** The shape of a built-in type: fixed by this Waymark version. */
  private static final String BUILT_IN = "built-in";

  private BuiltInTypes() {}

  static void registerAll(TypeRegistrar r) {
    for (Class<?> type :
        List.<Class<?>>of(
            Integer.class,
            Long.class,
            Double.class,
            Float.class,
            Short.class,
            Byte.class,
            Character.class,
            Boolean.class,
            String.class,
            int[].class,
            long[].class,
            double[].class,
            float[].class,
            short[].class,
            byte[].class,
            char[].class,
            boolean[].class,
            String[].class,
            BigInteger.class,
            BigDecimal.class,
            Instant.class,
            Duration.class,
            LocalDate.class,
            LocalTime.class,
            LocalDateTime.class,
            ArrayList.class,
            LinkedList.class,
            HashMap.class,
            LinkedHashMap.class,
            TreeMap.class,
            HashSet.class,
            LinkedHashSet.class,
            TreeSet.class)) {
      r.register(type);
    }
    // Read-only JDK collections (List.of, Stream.toList, Collections.unmodifiable*, Arrays.asList)
    // have no public constructor: they are written as plain sequences and read back read-only.
    for (List<?> sample :
        List.<List<?>>of(
            List.of(),
            List.of(1),
            List.of(1, 2, 3),
            Arrays.asList(1),
            Collections.emptyList(),
            Collections.singletonList(1),
            Collections.unmodifiableList(new ArrayList<>()),
            Collections.unmodifiableList(new LinkedList<>()))) {
      register(r, sample.getClass(), new ReadOnlyListSerializer());
    }
    for (Set<?> sample :
        List.<Set<?>>of(
            Set.of(),
            Set.of(1),
            Set.of(1, 2, 3),
            Collections.emptySet(),
            Collections.singleton(1),
            Collections.unmodifiableSet(new HashSet<>()))) {
      register(r, sample.getClass(), new ReadOnlySetSerializer());
    }
    for (Map<?, ?> sample :
        List.<Map<?, ?>>of(
            Map.of(),
            Map.of(1, 1),
            Map.of(1, 1, 2, 2),
            Collections.emptyMap(),
            Collections.singletonMap(1, 1),
            Collections.unmodifiableMap(new HashMap<>()))) {
      register(r, sample.getClass(), new ReadOnlyMapSerializer());
    }
    r.register(Optional.class, new OptionalSerializer(), BUILT_IN);
    r.register(UUID.class, new UuidSerializer(), BUILT_IN);
    r.register(Result.class, new ResultSerializer(), BUILT_IN);
  }

  /**
   * A step's {@link Result}. A failure keeps the exception's class name, message, stack trace and
   * causes, and reads back as a {@link RecordedException}: no exception class is instantiated.
   */
  @SuppressWarnings("rawtypes")
  private static final class ResultSerializer extends Serializer<Result> {
    private static final int MAX_FRAMES = RecordedException.MAX_FRAMES;
    private static final int MAX_CAUSES = RecordedException.MAX_CAUSES;
    private static final int MAX_TYPES = 64;

    ResultSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Result result) {
      output.writeBoolean(result.isSuccess());
      if (result.isSuccess()) {
        kryo.writeClassAndObject(output, result.value());
      } else {
        writeThrowable(output, result.exception(), 0);
      }
    }

    private static void writeThrowable(Output output, RecordedException t, int depth) {
      output.writeString(t.originalClassName());
      int types = Math.min(t.types().size(), MAX_TYPES);
      output.writeVarInt(types, true);
      for (int i = 0; i < types; i++) {
        output.writeString(t.types().get(i));
      }
      output.writeString(t.getMessage());
      StackTraceElement[] frames = t.getStackTrace();
      int count = Math.min(frames.length, MAX_FRAMES);
      output.writeVarInt(count, true);
      for (int i = 0; i < count; i++) {
        output.writeString(frames[i].getClassName());
        output.writeString(frames[i].getMethodName());
        output.writeString(frames[i].getFileName());
        output.writeVarInt(frames[i].getLineNumber() + 2, true);
      }
      boolean more = t.getCause() instanceof RecordedException && depth + 1 < MAX_CAUSES;
      output.writeBoolean(more);
      if (more) {
        writeThrowable(output, (RecordedException) t.getCause(), depth + 1);
      }
    }

    @Override
    public Result read(Kryo kryo, Input input, Class<? extends Result> type) {
      if (input.readBoolean()) {
        return Result.success(kryo.readClassAndObject(input));
      }
      return Result.failure(readThrowable(input, 0));
    }

    private static RecordedException readThrowable(Input input, int depth) {
      if (depth >= MAX_CAUSES) {
        throw new com.esotericsoftware.kryo.KryoException("exception causes nest too deep");
      }
      String className = input.readString();
      int typeCount = input.readVarInt(true);
      if (typeCount > MAX_TYPES) {
        throw new com.esotericsoftware.kryo.KryoException("too many exception types: " + typeCount);
      }
      java.util.List<String> types = new java.util.ArrayList<>(typeCount);
      for (int i = 0; i < typeCount; i++) {
        types.add(input.readString());
      }
      String message = input.readString();
      int count = input.readVarInt(true);
      if (count > MAX_FRAMES) {
        throw new com.esotericsoftware.kryo.KryoException("too many stack frames: " + count);
      }
      StackTraceElement[] frames = new StackTraceElement[count];
      for (int i = 0; i < count; i++) {
        frames[i] =
            new StackTraceElement(
                input.readString(),
                input.readString(),
                input.readString(),
                input.readVarInt(true) - 2);
      }
      RecordedException cause = input.readBoolean() ? readThrowable(input, depth + 1) : null;
      RecordedException exception = new RecordedException(className, types, message, cause);
      exception.setStackTrace(frames);
      return exception;
    }
  }

  /** UUID: its two longs. */
  private static final class UuidSerializer extends Serializer<UUID> {
    UuidSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, UUID uuid) {
      output.writeLong(uuid.getMostSignificantBits());
      output.writeLong(uuid.getLeastSignificantBits());
    }

    @Override
    public UUID read(Kryo kryo, Input input, Class<? extends UUID> type) {
      return new UUID(input.readLong(), input.readLong());
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void register(TypeRegistrar r, Class type, Serializer serializer) {
    r.register(type, serializer, BUILT_IN);
  }

  /** Writes any list as size + elements; reads an unmodifiable list (nulls allowed). */
  static final class ReadOnlyListSerializer extends Serializer<List<?>> {
    ReadOnlyListSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, List<?> list) {
      output.writeVarInt(list.size(), true);
      for (Object element : list) {
        kryo.writeClassAndObject(output, element);
      }
    }

    @Override
    public List<?> read(Kryo kryo, Input input, Class<? extends List<?>> type) {
      int size = input.readVarInt(true);
      List<Object> list = new ArrayList<>(Math.min(size, 1024));
      for (int i = 0; i < size; i++) {
        list.add(kryo.readClassAndObject(input));
      }
      return Collections.unmodifiableList(list);
    }
  }

  /** Writes any set as size + elements; reads an unmodifiable set in the same order. */
  static final class ReadOnlySetSerializer extends Serializer<Set<?>> {
    ReadOnlySetSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Set<?> set) {
      output.writeVarInt(set.size(), true);
      for (Object element : set) {
        kryo.writeClassAndObject(output, element);
      }
    }

    @Override
    public Set<?> read(Kryo kryo, Input input, Class<? extends Set<?>> type) {
      int size = input.readVarInt(true);
      Set<Object> set = new LinkedHashSet<>(Math.min(size, 1024));
      for (int i = 0; i < size; i++) {
        set.add(kryo.readClassAndObject(input));
      }
      return Collections.unmodifiableSet(set);
    }
  }

  /** Writes any map as size + entries; reads an unmodifiable map in the same order. */
  static final class ReadOnlyMapSerializer extends Serializer<Map<?, ?>> {
    ReadOnlyMapSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Map<?, ?> map) {
      output.writeVarInt(map.size(), true);
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        kryo.writeClassAndObject(output, entry.getKey());
        kryo.writeClassAndObject(output, entry.getValue());
      }
    }

    @Override
    public Map<?, ?> read(Kryo kryo, Input input, Class<? extends Map<?, ?>> type) {
      int size = input.readVarInt(true);
      Map<Object, Object> map = new LinkedHashMap<>(Math.min(size, 1024));
      for (int i = 0; i < size; i++) {
        map.put(kryo.readClassAndObject(input), kryo.readClassAndObject(input));
      }
      return Collections.unmodifiableMap(map);
    }
  }

  /** Optional: a presence flag and the value. */
  @SuppressWarnings("rawtypes")
  private static final class OptionalSerializer extends Serializer<Optional> {
    OptionalSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Optional optional) {
      output.writeBoolean(optional.isPresent());
      if (optional.isPresent()) {
        kryo.writeClassAndObject(output, optional.get());
      }
    }

    @Override
    public Optional read(Kryo kryo, Input input, Class<? extends Optional> type) {
      return input.readBoolean()
          ? Optional.ofNullable(kryo.readClassAndObject(input))
          : Optional.empty();
    }
  }
}
