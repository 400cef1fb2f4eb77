package dev.waymark.samples;

import dev.waymark.Waymark;
import java.nio.file.Path;

/** Runs or resumes the damage trials' chain: storage, workflow id, then "run" or "resume". */
public final class DamageProgram {
  private DamageProgram() {}

  public static void main(String[] args) {
    try (Waymark waymark = Waymark.open(Path.of(args[0]))) {
      Object result =
          args[2].equals("run")
              ? waymark.run(DamageSteps.chain(args[1]), args[1])
              : waymark.resume(args[1]);
      System.out.println("RESULT " + result);
      System.out.println("RUNS " + DamageSteps.RUNS);
    }
  }
}
