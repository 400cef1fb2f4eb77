package lay;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.annotations.Step;
import java.nio.file.Path;

/**
 * Steps of a second class that use the first's record, and the program: "start" runs a workflow
 * and holds its second step (the test kills the JVM once it printed READY), "resume" continues it.
 */
public final class Assembly {
  @Step
  static String assemble(Parts.Part part) throws InterruptedException {
    if (Boolean.getBoolean("lay.block")) {
      System.out.println("READY");
      Thread.sleep(Long.MAX_VALUE);
    }
    return part.count() + "x " + part.name();
  }

  static Workflow<String> workflow() {
    return AssemblySteps.assemble(PartsSteps.part("bolt"));
  }

  public static void main(String[] args) throws Exception {
    try (Waymark waymark = Waymark.builder().storage(Path.of(args[0])).build()) {
      Object result =
          args[1].equals("start") ? waymark.run(workflow(), "assembly") : waymark.resume("assembly");
      System.out.println("RESULT " + result);
    }
  }
}
