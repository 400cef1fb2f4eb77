package dev.waymark.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Stands in for an external booking service that de-duplicates requests by idempotency key: a
 * second request with a known key returns the first confirmation instead of booking again. It keeps
 * its ledger in the file named by the system property {@code booking.ledger}.
 */
final class BookingService {
  private BookingService() {}

  static synchronized String book(String idempotencyKey, String what) {
    Path ledger = Path.of(System.getProperty("booking.ledger", "target/booking-ledger.txt"));
    try {
      if (Files.exists(ledger)) {
        for (String line : Files.readAllLines(ledger)) {
          String[] parts = line.split("\t", 3);
          if (parts[0].equals(idempotencyKey)) {
            return parts[1]; // already booked: the same confirmation, nothing booked twice
          }
        }
      }
      String confirmation = "C" + Integer.toHexString((idempotencyKey + what).hashCode());
      Files.createDirectories(ledger.toAbsolutePath().getParent());
      Files.writeString(
          ledger,
          idempotencyKey + "\t" + confirmation + "\t" + what + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      return confirmation;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every booking made, one line each. */
  static List<String> bookings(Path ledger) throws IOException {
    return Files.exists(ledger) ? Files.readAllLines(ledger) : List.of();
  }
}
