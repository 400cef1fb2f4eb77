package dev.waymark.internal.storage;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A stored record: {@code length} bytes of {@code bytes} from {@code offset}, when the attempt that
 * produced it started and ended (epoch milliseconds; 0 when not known), and the file it was read
 * from, for messages.
 */
public record Payload(
    byte[] bytes, int offset, int length, long startMillis, long endMillis, Path file) {

  /** A copy of the record's bytes. */
  public byte[] copy() {
    return Arrays.copyOfRange(bytes, offset, offset + length);
  }
}
