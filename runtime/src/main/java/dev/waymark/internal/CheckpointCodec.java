package dev.waymark.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.FieldSerializer;
import dev.waymark.exceptions.UnsupportedCheckpointTypeException;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes and reads checkpoint values with per-thread Kryo instances that register exactly the
 * {@link StepRegistry}'s allowlist. Every class gets an id derived from its name, so ids are the
 * same in every JVM whatever order the modules load in; registration stays required, so a class
 * outside the list is never instantiated when reading. A module registered later (a class loaded
 * later) reaches every thread's Kryo before its next value.
 */
public final class CheckpointCodec {
  /** Kryo's own registrations (primitives, String) use small ids; ours start above them. */
  private static final int FIRST_ID = 64;

  private static final int ID_SPACE = 1 << 28;

  private static final ThreadLocal<Codec> CODECS = ThreadLocal.withInitial(Codec::new);

  private CheckpointCodec() {}

  /** Serializes {@code value} (any allowed type, or null) on the calling thread's Kryo. */
  public static byte[] serialize(Object value) {
    return codec().write(value);
  }

  /** Reads a value written by {@link #serialize}. */
  public static Object deserialize(byte[] bytes, int offset, int length) {
    return codec().read(bytes, offset, length);
  }

  /** The calling thread's codec, up to date with the registry; codecs are not thread-safe. */
  static Codec codec() {
    Codec codec = CODECS.get();
    StepRegistry.TypeEntry[] types = StepRegistry.get().types();
    if (codec.synced != types) {
      codec.sync(types);
    }
    return codec;
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
    final Kryo kryo = new Kryo();
    final Output output = new Output(256, -1);
    final Input input = new BoundedInput();
    private final Map<Integer, Class<?>> ids = new HashMap<>();

    /** The registry's allowlist this Kryo registered last. */
    private StepRegistry.TypeEntry[] synced = new StepRegistry.TypeEntry[0];

    private Codec() {
      kryo.setRegistrationRequired(true);
      kryo.setReferences(false);
    }

    /**
     * Registers what the allowlist gained (or what changed in it) since the last sync. A class
     * loaded again by another class loader takes over its name's id, so values read from then on
     * are of the newest class.
     */
    private void sync(StepRegistry.TypeEntry[] types) {
      for (StepRegistry.TypeEntry entry : types) {
        Registration existing = kryo.getClassResolver().getRegistration(entry.type());
        if (existing != null && existing.getId() < FIRST_ID) {
          continue; // one of Kryo's own (String, primitives' boxes)
        }
        if (existing != null && entry.conflict() == null) {
          continue; // registered at an earlier sync
        }
        int id = idOf(entry.type());
        Class<?> clash = ids.put(id, entry.type());
        if (clash != null && !clash.getName().equals(entry.type().getName())) {
          throw new IllegalStateException(
              "checkpoint types "
                  + clash.getName()
                  + " and "
                  + entry.type().getName()
                  + " hash to the same id; rename one of them");
        }
        register(entry, id);
      }
      synced = types;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void register(StepRegistry.TypeEntry entry, int id) {
      Registration registration =
          entry.serializer() != null
              ? kryo.register(entry.type(), (Serializer) entry.serializer(), id)
              : kryo.register(entry.type(), id);
      if (registration.getSerializer() instanceof FieldSerializer) {
        // Kryo fell back to reflection over private fields: not allowed for checkpoint types.
        throw new IllegalStateException(
            "checkpoint type " + entry.type().getName() + " has no serializer of its own");
      }
      // Arrays, collections and maps: refuse a stored length the bytes left cannot hold, before
      // Kryo allocates for it (see BoundedLengthSerializer).
      Serializer<?> serializer =
          BoundedLengthSerializer.wrap(entry.type(), registration.getSerializer());
      if (entry.conflict() != null) {
        serializer = new RefusingSerializer(entry.conflict());
      }
      registration.setSerializer(serializer);
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
        throw unsupported(value, e);
      }
    }

    Object read(byte[] bytes, int offset, int length) {
      input.setBuffer(bytes, offset, length);
      return kryo.readClassAndObject(input);
    }
  }

  /**
   * Says which type cannot be stored and why, in Waymark's words: the value itself, or a value
   * inside it (a list element, a record component) whose class Kryo named.
   */
  static UnsupportedCheckpointTypeException unsupported(Object value, RuntimeException e) {
    String message = String.valueOf(e.getMessage());
    java.util.regex.Matcher unregistered =
        java.util.regex.Pattern.compile("Class is not registered: ([^\\s]+)").matcher(message);
    Class<?> type = value == null ? null : value.getClass();
    if (unregistered.find()) {
      String inner = unregistered.group(1);
      String where =
          type != null && inner.equals(type.getName())
              ? ""
              : " (it holds a " + inner + ", which cannot be stored)";
      return new UnsupportedCheckpointTypeException(
          type,
          "no @Step signature on the class path uses that type"
              + where
              + "; Waymark stores only the parameter, result and Checkpointer state types of"
              + " steps and the JDK types listed in the README: use the type in a step's"
              + " signature, or convert the value to one of those types",
          null);
    }
    return new UnsupportedCheckpointTypeException(
        type, "it could not be written (" + message + ")", e);
  }

  /** Stands in for a type two modules registered differently: using it says so. */
  @SuppressWarnings("rawtypes")
  private static final class RefusingSerializer extends Serializer {
    private final String problem;

    RefusingSerializer(String problem) {
      this.problem = problem;
    }

    @Override
    public void write(Kryo kryo, Output output, Object object) {
      throw new IllegalStateException(problem);
    }

    @Override
    public Object read(Kryo kryo, Input input, Class type) {
      throw new IllegalStateException(problem);
    }
  }
}
