package dev.waymark.samples;

import dev.waymark.Waymark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A child JVM of {@code OrdersCrashTest}: runs the orders {@code args[1..]} side by side on storage
 * {@code args[0]}.
 */
public final class OrdersProgram {
  private OrdersProgram() {}

  public static void main(String[] args) {
    try (Waymark waymark = Waymark.open(Path.of(args[0]))) {
      List<CompletableFuture<String>> orders = new ArrayList<>();
      for (int i = 1; i < args.length; i++) {
        orders.add(waymark.runAsync(Orders.order(args[i]), args[i]));
        waymark.sendEvent(args[i], "shipped", "track-" + args[i]);
      }
      for (CompletableFuture<String> order : orders) {
        System.out.println("DONE " + order.join());
      }
    }
  }
}
