package evo;

import dev.waymark.Waymark;
import java.nio.file.Path;

/** Version 2's program: resumes what version 1 recorded, and runs a new upgraded workflow. */
public final class Driver {
  private Driver() {}

  public static void main(String[] args) throws Exception {
    Waymark waymark = Waymark.builder().storage(Path.of(args[0])).parallelism(32).build();
    Resume.all(waymark, args);
    System.out.println("RESULT upgrade-new " + waymark.run(Upgrade.workflow("B-2"), "upgrade-new"));
    waymark.close();
  }
}
