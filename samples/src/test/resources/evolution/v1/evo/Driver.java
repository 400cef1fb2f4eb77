package evo;

import dev.waymark.Waymark;
import dev.waymark.Workflow;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Version 1's program: "start" records every case, lets each commit its first step and holds the
 * next one (the test kills the JVM once it printed READY); "resume" continues them all.
 */
public final class Driver {
  private Driver() {}

  public static void main(String[] args) throws Exception {
    Waymark waymark = Waymark.builder().storage(Path.of(args[0])).parallelism(32).build();
    if (args[1].equals("start")) {
      System.out.println("RESULT finished " + waymark.run(Finished.workflow(), "finished"));
      Map<String, Workflow<?>> cases = new LinkedHashMap<>();
      cases.put("reorder", Reorder.workflow());
      cases.put("retype", Retype.workflow());
      cases.put("grow", Grow.workflow());
      cases.put("param-type", ParamType.workflow());
      cases.put("param-added", ParamAdded.workflow());
      cases.put("body-only", BodyOnly.workflow());
      cases.put("renamed", Renamed.workflow());
      cases.put("version-only", VersionOnly.workflow());
      cases.put("enum-grow", EnumGrow.workflow());
      cases.put("enum-shrink", EnumShrink.workflow());
      cases.put("upgrade", Upgrade.workflow("A-1"));
      cases.forEach((id, workflow) -> waymark.runAsync(workflow, id));
      while (Gate.HELD.get() < cases.size()) {
        Thread.sleep(5);
      }
      System.out.println("READY");
      Thread.sleep(Long.MAX_VALUE);
    }
    Resume.all(waymark, args);
    waymark.close();
  }
}
