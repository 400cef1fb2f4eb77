package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.test.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM started without Chronicle's flags gets one message that lists them. */
class MissingFlagsTest {
  @TempDir Path dir;

  @Test
  void missingJvmFlagsAreListedInOneMessage() throws Exception {
    Process child =
        ChildJvm.start(
            dir.resolve("out"),
            false,
            List.of("-Dwaymark.storage=" + dir.resolve("s")),
            Main.class,
            "pipeline");
    assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    String out = Files.readString(dir.resolve("out"));
    assertNotEquals(0, child.exitValue(), out);
    assertTrue(
        out.contains(
            "needs these JVM flags, missing here: --add-opens=java.base/java.lang=ALL-UNNAMED"),
        out);
    assertTrue(
        out.contains("--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED"), out);
  }
}
