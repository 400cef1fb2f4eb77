package dev.waymark.samples;

import dev.waymark.StepContext;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.annotations.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Child programs for crash tests inside continuations: a logged copy of book_trip, and a diamond
 * returned by a step. Each step body logs its task id; a step kills the JVM once when the file
 * {@code crash-in-<taskId>} exists.
 */
public final class ContinuationCrashSteps {
  private static Path dir;

  private ContinuationCrashSteps() {}

  @Step
  static Workflow<String> bookTrip(String origin, String dest) throws Exception {
    enter();
    Workflow<String> outbound = ContinuationCrashStepsSteps.bookFlight(origin, dest);
    Workflow<String> inbound = ContinuationCrashStepsSteps.bookFlight(dest, origin);
    Workflow<String> hotel = ContinuationCrashStepsSteps.bookHotel(dest);
    return ContinuationCrashStepsSteps.finalizeTrip(Workflow.all(outbound, inbound), hotel);
  }

  @Step
  static String bookFlight(String from, String to) throws Exception {
    enter();
    return BookingService.book(StepContext.current().idempotencyKey(), "flight " + from + "-" + to);
  }

  @Step
  static String bookHotel(String city) throws Exception {
    enter();
    return BookingService.book(StepContext.current().idempotencyKey(), "hotel " + city);
  }

  @Step
  static String finalizeTrip(List<String> flights, String hotel) throws Exception {
    enter();
    return flights + " + " + hotel;
  }

  /** Returns a diamond: top feeds left and right, which join. */
  @Step
  static Workflow<String> diamond(String seed) throws Exception {
    enter();
    Workflow<String> top = ContinuationCrashStepsSteps.top(seed);
    return ContinuationCrashStepsSteps.join(
        ContinuationCrashStepsSteps.left(top), ContinuationCrashStepsSteps.right(top));
  }

  @Step
  static String top(String seed) throws Exception {
    enter();
    return seed + ">top";
  }

  @Step
  static String left(String in) throws Exception {
    enter();
    Thread.sleep(300); // still running when right kills the JVM: not committed
    return in + ">left";
  }

  @Step
  static String right(String in) throws Exception {
    enter();
    return in + ">right";
  }

  @Step
  static String join(String a, String b) throws Exception {
    enter();
    return a + "|" + b;
  }

  /** Logs the running task and kills the JVM if asked to, once. */
  private static void enter() throws IOException, InterruptedException {
    String task = StepContext.current().taskId();
    Files.writeString(
        dir.resolve("executions.log"),
        task + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    if (Files.deleteIfExists(dir.resolve("crash-in-" + task))) {
      CrashingSteps.killThisJvm();
    }
  }

  /** Arguments: a directory, then {@code trip} or {@code diamond}. Prints {@code result=...}. */
  public static void main(String[] args) {
    dir = Path.of(args[0]);
    System.setProperty("booking.ledger", dir.resolve("ledger.txt").toString());
    try (Waymark waymark = Waymark.open(dir.resolve("storage"))) {
      Object result =
          args[1].equals("trip")
              ? waymark.run(ContinuationCrashStepsSteps.bookTrip("OAK", "SAN"), "trip")
              : waymark.run(ContinuationCrashStepsSteps.diamond("seed"), "diamond");
      System.out.println("result=" + result);
    }
  }
}
