package dev.waymark.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.FieldSerializer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The allowlist of types a checkpoint may hold, and the per-thread Kryo instances that read and
 * write them. Every class gets an id derived from its name, so ids are the same in every JVM
 * whatever order the modules load in; registration stays required, so a class outside the list is
 * never instantiated when reading.
 */
public final class CheckpointTypes {
  /** Kryo's own registrations (primitives, String) use small ids; ours start above them. */
  private static final int FIRST_ID = 64;

  private static final int ID_SPACE = 1 << 28;

  private static final CheckpointTypes INSTANCE = load();

  private final List<Entry> entries;
  private final Map<String, StepDefinition<?>> steps;
  private final ThreadLocal<Codec> codecs = ThreadLocal.withInitial(this::newCodec);

  private record Entry(Class<?> type, Serializer<?> serializer) {}

  private CheckpointTypes(List<Entry> entries, Map<String, StepDefinition<?>> steps) {
    this.entries = entries;
    this.steps = steps;
  }

  /** The types and steps of every {@link StepModule} on the class path, plus the built-in types. */
  public static CheckpointTypes get() {
    return INSTANCE;
  }

  private static CheckpointTypes load() {
    List<Entry> entries = new ArrayList<>();
    Map<Class<?>, Entry> seen = new HashMap<>();
    TypeRegistrar registrar =
        new TypeRegistrar() {
          @Override
          public <T> void register(Class<T> type, Serializer<T> serializer) {
            add(type, serializer);
          }

          @Override
          public void register(Class<?> type) {
            add(type, null);
          }

          private void add(Class<?> type, Serializer<?> serializer) {
            if (type.isPrimitive() || seen.containsKey(type)) {
              return;
            }
            Entry entry = new Entry(type, serializer);
            seen.put(type, entry);
            entries.add(entry);
          }
        };
    BuiltInTypes.registerAll(registrar);
    Map<String, StepDefinition<?>> steps = new HashMap<>();
    for (StepDefinition<?> step : BuiltInSteps.all()) {
      steps.put(step.id(), step);
    }
    for (StepModule module :
        ServiceLoader.load(StepModule.class, CheckpointTypes.class.getClassLoader())) {
      module.registerTypes(registrar);
      for (StepDefinition<?> step : module.steps()) {
        StepDefinition<?> previous = steps.putIfAbsent(step.id(), step);
        if (previous != null && previous != step) {
          throw new IllegalStateException(
              "two steps on the class path have the identity " + step.id());
        }
      }
    }
    return new CheckpointTypes(List.copyOf(entries), steps);
  }

  /** The step with this identity, or null when no module on the class path declares it. */
  public StepDefinition<?> step(String id) {
    return steps.get(id);
  }

  /** Serializes {@code value} (any allowed type, or null) on the calling thread's Kryo. */
  public static byte[] serialize(Object value) {
    return INSTANCE.codecs.get().write(value);
  }

  /** Reads a value written by {@link #serialize}. */
  public static Object deserialize(byte[] bytes, int offset, int length) {
    return INSTANCE.codecs.get().read(bytes, offset, length);
  }

  /** The calling thread's codec; codecs are not thread-safe. */
  static Codec codec() {
    return INSTANCE.codecs.get();
  }

  private Codec newCodec() {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(true);
    kryo.setReferences(false);
    Map<Integer, Class<?>> ids = new HashMap<>();
    for (Entry entry : entries) {
      int id = idOf(entry.type());
      Class<?> clash = ids.putIfAbsent(id, entry.type());
      if (clash != null) {
        throw new IllegalStateException(
            "checkpoint types "
                + clash.getName()
                + " and "
                + entry.type().getName()
                + " hash to the same id; rename one of them");
      }
      Registration existing = kryo.getClassResolver().getRegistration(entry.type());
      if (existing != null) {
        continue; // one of Kryo's own (String, primitives' boxes)
      }
      Registration registration =
          entry.serializer() != null
              ? kryo.register(entry.type(), entry.serializer(), id)
              : kryo.register(entry.type(), id);
      if (registration.getSerializer() instanceof FieldSerializer) {
        // Kryo fell back to reflection over private fields: not allowed for checkpoint types.
        throw new IllegalStateException(
            "checkpoint type " + entry.type().getName() + " has no serializer of its own");
      }
      // Arrays, collections and maps: refuse a stored length the bytes left cannot hold, before
      // Kryo allocates for it (see BoundedLengthSerializer).
      registration.setSerializer(
          BoundedLengthSerializer.wrap(entry.type(), registration.getSerializer()));
    }
    return new Codec(kryo);
  }

  /** A stable id from the class name (FNV-1a, folded into 28 bits so ids stay 4 bytes). */
  static int idOf(Class<?> type) {
    String name = type.getName();
    int hash = 0x811c9dc5;
    for (int i = 0; i < name.length(); i++) {
      hash ^= name.charAt(i);
      hash *= 0x01000193;
    }
    return FIRST_ID + Integer.remainderUnsigned(hash, ID_SPACE - FIRST_ID);
  }

  /**
   * An input that refuses a stored string claiming more characters than there are bytes left (each
   * takes one at least) before Kryo allocates a {@code char[]} of that size. Strings are read
   * straight from the input by every serializer, so no serializer wrapper could bound them.
   */
  static final class BoundedInput extends Input {
    @Override
    public String readString() {
      if (getInputStream() == null && position() < limit() && readVarIntFlag()) {
        int start = position();
        int stored = readVarIntFlag(true); // characters + 1; 0 is null, 1 the empty string
        setPosition(start);
        long characters = Integer.toUnsignedLong(stored) - 1;
        if (stored != 0 && characters > limit() - start) {
          throw new KryoException(
              "a stored string claims "
                  + characters
                  + " characters but only "
                  + (limit() - start)
                  + " bytes are left");
        }
      }
      return super.readString();
    }
  }

  /** One thread's Kryo with its reusable buffers. */
  static final class Codec {
    final Kryo kryo;
    final Output output = new Output(256, -1);
    final Input input = new BoundedInput();

    Codec(Kryo kryo) {
      this.kryo = kryo;
    }

    byte[] write(Object value) {
      output.reset();
      writeTo(value);
      return output.toBytes();
    }

    /** Writes {@code value} into {@link #output} after whatever it already holds. */
    void writeTo(Object value) {
      try {
        kryo.writeClassAndObject(output, value);
      } catch (IllegalArgumentException | KryoException e) {
        throw new UnsupportedCheckpointTypeException(value, e);
      }
    }

    Object read(byte[] bytes, int offset, int length) {
      input.setBuffer(bytes, offset, length);
      return kryo.readClassAndObject(input);
    }
  }
}
