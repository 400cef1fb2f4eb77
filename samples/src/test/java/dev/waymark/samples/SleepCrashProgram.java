package dev.waymark.samples;

import dev.waymark.Waymark;
import dev.waymark.WaymarkEvent;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child program: a reminder after a 5-second durable sleep. Prints {@code SLEEPING wake=<epoch ms>}
 * once the sleep has stored its wake-up time, then the result and the time it finished.
 */
public final class SleepCrashProgram {
  private SleepCrashProgram() {}

  public static void main(String[] args) {
    try (Waymark waymark =
        Waymark.builder()
            .storage(Path.of(args[0]))
            .listener(
                event -> {
                  if (event instanceof WaymarkEvent.SleepStarted sleep) {
                    System.out.println("SLEEPING wake=" + sleep.wake().toEpochMilli());
                    System.out.flush();
                  }
                })
            .build()) {
      String result =
          waymark.run(Reminder.remindLater(Duration.ofSeconds(5), "stand up"), "reminder");
      System.out.println("result=" + result);
      System.out.println("finishedAt=" + System.currentTimeMillis());
    }
  }
}
