package dev.waymark.samples;

import dev.waymark.Waymark;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * A child JVM of {@code OrdersCrashTest}: runs order {@code args[1]} on storage {@code args[0]}.
 */
public final class OrdersProgram {
  private OrdersProgram() {}

  public static void main(String[] args) {
    try (Waymark waymark = Waymark.open(Path.of(args[0]))) {
      CompletableFuture<String> order = waymark.runAsync(Orders.order(args[1]), args[1]);
      waymark.sendEvent(args[1], "shipped", "track-" + args[1]);
      System.out.println("DONE " + order.join());
    }
  }
}
