package dev.waymark.samples;

import dev.waymark.Waymark;
import java.nio.file.Path;
import java.time.Duration;

/** Child program: a reminder after a 3-second durable sleep. Prints the result and the time. */
public final class SleepCrashProgram {
  private SleepCrashProgram() {}

  public static void main(String[] args) {
    try (Waymark waymark = Waymark.open(Path.of(args[0]))) {
      String result =
          waymark.run(Reminder.remindLater(Duration.ofSeconds(3), "stand up"), "reminder");
      System.out.println("result=" + result);
      System.out.println("finishedAt=" + System.currentTimeMillis());
    }
  }
}
