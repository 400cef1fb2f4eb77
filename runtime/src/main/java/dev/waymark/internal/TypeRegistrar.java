package dev.waymark.internal;

import com.esotericsoftware.kryo.Serializer;

/**
 * Receives the types a generated {@link StepModule} allows in checkpoints. Only registered types
 * are ever written or instantiated when reading a checkpoint: the registrations are the allowlist.
 */
public interface TypeRegistrar {

  /**
   * Allows {@code type}, written and read by {@code serializer}; {@code shape} describes what the
   * serializer writes (a record's components, an enum's constants), so that two modules compiled
   * from different versions of one type are told apart.
   */
  <T> void register(Class<T> type, Serializer<T> serializer, String shape);

  /** Allows {@code type} with Kryo's default serializer for it (arrays). */
  void register(Class<?> type);
}
