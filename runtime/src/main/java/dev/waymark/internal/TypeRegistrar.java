package dev.waymark.internal;

import com.esotericsoftware.kryo.Serializer;

/**
 * Receives the types a generated {@link StepModule} allows in checkpoints. Only registered types
 * are ever written or instantiated when reading a checkpoint: the registrations are the allowlist.
 */
public interface TypeRegistrar {

  /** Allows {@code type}, written and read by {@code serializer}. */
  <T> void register(Class<T> type, Serializer<T> serializer);

  /** Allows {@code type} with Kryo's default serializer for it (arrays, enums). */
  void register(Class<?> type);
}
