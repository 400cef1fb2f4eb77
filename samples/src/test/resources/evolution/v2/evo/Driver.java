package evo;

import dev.waymark.Waymark;
import dev.waymark.test.ReplayCheck;
import java.nio.file.Path;

/**
 * Version 2's program: checks what version 1 recorded against its code (the replay check), resumes
 * it, and runs a new upgraded workflow.
 */
public final class Driver {
  private Driver() {}

  public static void main(String[] args) throws Exception {
    // What the test kit's replay check says of the stored workflows, before any of them resumes.
    ReplayCheck.incompatible(Path.of(args[0]))
        .forEach((id, why) -> System.out.println("INCOMPATIBLE " + id + " " + why.replace('\n', ' ')));
    Waymark waymark = Waymark.builder().storage(Path.of(args[0])).parallelism(32).build();
    Resume.all(waymark, args);
    System.out.println("RESULT upgrade-new " + waymark.run(Upgrade.workflow("B-2"), "upgrade-new"));
    waymark.close();
  }
}
