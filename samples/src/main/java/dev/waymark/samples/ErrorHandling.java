package dev.waymark.samples;

import dev.waymark.Result;
import dev.waymark.RetryBackoff;
import dev.waymark.StepOptions;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.annotations.Backoff;
import dev.waymark.annotations.Step;
import java.time.Duration;
import java.util.Random;

/** Retries and caught exceptions: a step that fails half of the time, handled two ways. */
public final class ErrorHandling {
  private static final Random RANDOM = new Random();

  private ErrorHandling() {}

  /** Fails half of the time; retried up to 3 times, 100 ms apart, then 200 ms, 400 ms. */
  @Step(
      maxRetries = 3,
      retryExceptions = true,
      backoff = @Backoff(delayMillis = 100, multiplier = 2, maxDelayMillis = 1000))
  static String faultyFunction() {
    if (RANDOM.nextBoolean()) {
      throw new IllegalStateException("oops");
    }
    return "OK";
  }

  /** Receives the value or the exception of a step that catches exceptions. */
  @Step
  static String handleErrors(Result<String> result) {
    return result.isSuccess() ? "OK" : "There was an error: " + result.exception().getMessage();
  }

  /** The faulty step with its failures caught, and per-call options over its annotation. */
  static Workflow<String> handled() {
    Workflow<Result<String>> caught =
        ErrorHandlingSteps.faultyFunction()
            .options(
                StepOptions.builder()
                    .maxRetries(1)
                    .backoff(RetryBackoff.fixed(Duration.ofMillis(10)))
                    .metadata("owner", "samples")
                    .build())
            .catchExceptions();
    return ErrorHandlingSteps.handleErrors(caught);
  }

  public static void main(String[] args) {
    Waymark waymark = Waymark.shared();
    System.out.println("handled: " + waymark.run(handled()));
    System.out.println("retried: " + waymark.run(ErrorHandlingSteps.faultyFunction()));
  }
}
