package dev.waymark.internal;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Refuses a stored element count that the bytes left in the input cannot hold, before the wrapped
 * serializer allocates an array or collection of that size: a damaged or crafted count (2^30, say)
 * then fails with a clear message instead of an {@link OutOfMemoryError} or a {@link
 * NegativeArraySizeException}. It only reads: the bytes are the wrapped serializer's, so stored
 * values read exactly as before.
 *
 * <p>The cost on every read is decoding the count a second time (a var-int, usually one byte) and
 * resetting the position; nothing is allocated. The count is checked against {@code limit -
 * position} only when the input is a byte array, where that is everything there is to read.
 *
 * <p>Every element takes at least {@code minBytes}, with one exception: Kryo writes a list whose
 * elements all have one class as the count, the class and then the elements, so a list of nulls
 * takes no byte per element, and neither does a list of records without components (their
 * serializers write nothing). Those lists are allowed up to {@link #MAX_EMPTY_ELEMENTS} elements.
 */
final class BoundedLengthSerializer<T> extends Serializer<T> {
  /** The most elements a stored list of nulls (or of empty records) may claim. */
  static final int MAX_EMPTY_ELEMENTS = 1 << 24;

  /**
   * {@code serializer} for {@code type}, wrapped in a {@link BoundedLengthSerializer} when it reads
   * a count before allocating for it: every array, collection and map serializer that a checkpoint
   * type can have, and BigInteger and BigDecimal (a byte array inside). Other serializers come back
   * as they are. An array, collection or map type whose serializer is none of the known ones is
   * refused, so that a new type cannot slip past the bound.
   */
  static Serializer<?> wrap(Class<?> type, Serializer<?> serializer) {
    Class<?> kind = serializer.getClass();
    // Kryo's arrays: count + 1 (0 = null), then the elements. int and long elements are var-ints,
    // one byte at least; float, double, short and char are written at their fixed width; a String
    // or an object (with its null marker or class) takes a byte at least.
    if (kind == DefaultArraySerializers.ByteArraySerializer.class
        || kind == DefaultArraySerializers.BooleanArraySerializer.class
        || kind == DefaultArraySerializers.IntArraySerializer.class
        || kind == DefaultArraySerializers.LongArraySerializer.class
        || kind == DefaultArraySerializers.StringArraySerializer.class
        || kind == DefaultArraySerializers.ObjectArraySerializer.class) {
      return kryoCount(serializer, type, 1, "elements");
    }
    if (kind == DefaultArraySerializers.ShortArraySerializer.class
        || kind == DefaultArraySerializers.CharArraySerializer.class) {
      return kryoCount(serializer, type, 2, "elements");
    }
    if (kind == DefaultArraySerializers.FloatArraySerializer.class) {
      return kryoCount(serializer, type, 4, "elements");
    }
    if (kind == DefaultArraySerializers.DoubleArraySerializer.class) {
      return kryoCount(serializer, type, 8, "elements");
    }
    // The same for the bytes of a BigInteger, or of a BigDecimal's unscaled value.
    if (kind == DefaultSerializers.BigIntegerSerializer.class
        || kind == DefaultSerializers.BigDecimalSerializer.class) {
      return kryoCount(serializer, type, 1, "bytes");
    }
    // Kryo's collections: a var-int whose flag bit says all elements have one class, holding
    // count + 1 (0 = null). Only lists can repeat an element that takes no bytes (see below).
    if (kind == CollectionSerializer.class || kind == DefaultSerializers.TreeSetSerializer.class) {
      return new BoundedLengthSerializer<>(
          serializer,
          type,
          1,
          "elements",
          true,
          true,
          kind == CollectionSerializer.class && List.class.isAssignableFrom(type));
    }
    // Kryo's maps: count + 1 (0 = null), then key and value, a byte each at least.
    if (kind == MapSerializer.class || kind == DefaultSerializers.TreeMapSerializer.class) {
      return kryoCount(serializer, type, 2, "entries");
    }
    // Ours: the plain count, then each element (key and value) with its class.
    if (kind == BuiltInTypes.ReadOnlyListSerializer.class
        || kind == BuiltInTypes.ReadOnlySetSerializer.class) {
      return new BoundedLengthSerializer<>(serializer, type, 1, "elements", false, false, false);
    }
    if (kind == BuiltInTypes.ReadOnlyMapSerializer.class) {
      return new BoundedLengthSerializer<>(serializer, type, 2, "entries", false, false, false);
    }
    if (type.isArray()
        || Collection.class.isAssignableFrom(type)
        || Map.class.isAssignableFrom(type)) {
      throw new IllegalStateException(
          "checkpoint type "
              + type.getTypeName()
              + " is read by "
              + kind.getName()
              + ", whose stored length Waymark does not know how to bound");
    }
    return serializer;
  }

  /** Bounds Kryo's usual count: a var-int holding count + 1, 0 meaning null. */
  private static Serializer<?> kryoCount(
      Serializer<?> serializer, Class<?> type, int minBytes, String unit) {
    return new BoundedLengthSerializer<>(serializer, type, minBytes, unit, true, false, false);
  }

  /** Records without components, whose generated serializers write no bytes at all. */
  private static final ClassValue<Boolean> EMPTY_RECORD =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return type.isRecord() && type.getRecordComponents().length == 0;
        }
      };

  private final Serializer<T> delegate;
  private final String typeName;
  private final String unit;
  private final int minBytes;
  private final boolean countPlusOne;
  private final boolean flagged;
  private final boolean emptyElementsPossible;

  /**
   * @param minBytes the fewest bytes one element (or map entry) takes
   * @param unit what is counted, for the message: elements, entries, bytes
   * @param countPlusOne whether the count is stored plus one, 0 meaning null (Kryo's serializers)
   * @param flagged whether the count is a var-int with a flag bit ({@link CollectionSerializer})
   * @param emptyElementsPossible whether same-class elements may take no bytes (lists, see above)
   */
  @SuppressWarnings("unchecked")
  BoundedLengthSerializer(
      Serializer<?> delegate,
      Class<?> type,
      int minBytes,
      String unit,
      boolean countPlusOne,
      boolean flagged,
      boolean emptyElementsPossible) {
    this.delegate = (Serializer<T>) delegate;
    this.typeName = type.getTypeName();
    this.unit = unit;
    this.minBytes = minBytes;
    this.countPlusOne = countPlusOne;
    this.flagged = flagged;
    this.emptyElementsPossible = emptyElementsPossible;
    // Kryo writes a null marker itself only for serializers that do not accept null: keep the
    // wrapped serializer's answer, or the bytes would change.
    setAcceptsNull(delegate.getAcceptsNull());
    setImmutable(delegate.isImmutable());
  }

  /** The wrapped serializer. */
  Serializer<T> delegate() {
    return delegate;
  }

  @Override
  public void write(Kryo kryo, Output output, T object) {
    delegate.write(kryo, output, object);
  }

  @Override
  public T read(Kryo kryo, Input input, Class<? extends T> type) {
    if (input.getInputStream() == null) {
      int start = input.position();
      check(kryo, input);
      input.setPosition(start);
    }
    return delegate.read(kryo, input, type);
  }

  @Override
  public T copy(Kryo kryo, T original) {
    return delegate.copy(kryo, original);
  }

  private void check(Kryo kryo, Input input) {
    boolean sameClass = flagged && input.readVarIntFlag();
    int stored = flagged ? input.readVarIntFlag(true) : input.readVarInt(true);
    if (countPlusOne && stored == 0) {
      return; // null
    }
    // A five-byte var-int can be negative: read it unsigned, as the count it claims to be.
    long count = Integer.toUnsignedLong(stored) - (countPlusOne ? 1 : 0);
    int left = input.limit() - input.position();
    if (count * minBytes <= left) {
      return;
    }
    if (sameClass && emptyElementsPossible && emptyElements(kryo, input)) {
      if (count <= MAX_EMPTY_ELEMENTS) {
        return;
      }
      throw new KryoException(
          "a stored "
              + typeName
              + " claims "
              + count
              + " elements, all null or empty, more than the "
              + MAX_EMPTY_ELEMENTS
              + " Waymark reads");
    }
    throw new KryoException(
        "a stored "
            + typeName
            + " claims "
            + count
            + " "
            + unit
            + (minBytes == 1 ? "" : " of at least " + minBytes + " bytes each")
            + " but only "
            + left
            + " bytes are left");
  }

  /**
   * Whether the same-class list whose count was just read writes its elements in no bytes: its
   * element class is null (all elements are null) or a record without components that is never null
   * (otherwise each element has a null marker). Reads on from the count; the caller resets.
   */
  private static boolean emptyElements(Kryo kryo, Input input) {
    if (input.position() == input.limit()) {
      return false;
    }
    int classId = input.readVarInt(true); // Kryo's DefaultClassResolver: 0 = null, id + 2
    if (classId == Kryo.NULL) {
      return true;
    }
    if (classId < 2) {
      return false; // a class by name: never written with registration required
    }
    Registration registration = kryo.getClassResolver().getRegistration(classId - 2);
    return registration != null
        && EMPTY_RECORD.get(registration.getType())
        && input.position() < input.limit()
        && !input.readBoolean(); // some elements null: each then takes a marker byte
  }
}
