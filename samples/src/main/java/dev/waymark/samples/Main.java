package dev.waymark.samples;

import java.util.Arrays;

/**
 * Runs one sample by name: {@code crash-demo} (default), {@code pipeline}, {@code error-handling}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    String sample = args.length == 0 ? "crash-demo" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (sample) {
      case "crash-demo" -> CrashDemo.main(rest);
      case "pipeline" -> PipelineSample.main(rest);
      case "error-handling" -> ErrorHandling.main(rest);
      case "trip" -> System.out.println(Trip.trip().run());
      case "factorial" -> System.out.println(RecursionSteps.factorial(20).run());
      case "cluster" -> ClusterSample.main(rest);
      default -> {
        System.err.println(
            "unknown sample '"
                + sample
                + "'; choose crash-demo, pipeline, error-handling, trip, factorial or cluster INDEX");
        System.exit(2);
      }
    }
  }
}
