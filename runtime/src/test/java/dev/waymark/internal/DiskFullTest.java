package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full device: a 16 MB tmpfs mounted in a private mount namespace ({@code unshare -rm}, no
 * privileges needed where user namespaces are allowed), so nothing outside the child sees it. The
 * engine-level behaviour is also tested without a file system limit in {@link StorageFaultTest}.
 */
class DiskFullTest {
  @TempDir Path dir;

  @Test
  void aFullDeviceStopsTheWorkflowCleanlyAndItResumesOnceSpaceIsFreed() throws Exception {
    Path mount = Files.createDirectory(dir.resolve("tmpfs"));
    Assumptions.assumeTrue(
        canMountTmpfs(mount), "this machine cannot mount a tmpfs in a user namespace");
    List<String> java = new ArrayList<>();
    java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flag.startsWith("--add-")
          || flag.startsWith("--enable-native-access")
          || flag.startsWith("--sun-misc")
          || flag.startsWith("-Dchronicle.")) {
        java.add(flag);
      }
    }
    java.addAll(
        List.of(
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            DiskFullProgram.class.getName(),
            mount.resolve("storage").toString(),
            mount.resolve("filler").toString(),
            "8"));
    String script = "mount -t tmpfs -o size=16m tmpfs \"$1\" && shift && exec \"$@\"";
    List<String> command = new ArrayList<>(List.of("unshare", "-rm", "sh", "-c", script, "sh"));
    command.add(mount.toString());
    command.addAll(java);
    Path out = dir.resolve("child.out");
    Process child =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "child finished");
    String printed = Files.readString(out);
    assertEquals(0, child.exitValue(), printed);
    assertTrue(printed.contains("threw dev.waymark.exceptions.StorageException"), printed);
    assertTrue(printed.contains("below the reserve"), printed);
    assertTrue(printed.contains("status RESUMABLE"), printed);
    int expected = 0;
    for (int i = 0; i < 300; i++) {
      expected += 20_000 + i;
    }
    assertTrue(printed.contains("resumed " + expected + " status SUCCESSFUL"), printed);
    Matcher runs = Pattern.compile("bytes steps: (\\d+) then (\\d+)").matcher(printed);
    assertTrue(runs.find(), printed);
    int first = Integer.parseInt(runs.group(1));
    int second = Integer.parseInt(runs.group(2));
    assertTrue(first > 0 && first < 300, "the first run stopped part way: " + printed);
    // Only steps whose commit had not happened ran again: at most one per step running at once.
    assertTrue(
        first + second <= 300 + DiskFullProgram.PARALLELISM,
        "committed steps did not run again: " + printed);
  }

  private static boolean canMountTmpfs(Path mount) {
    try {
      Process probe =
          new ProcessBuilder(
                  "unshare",
                  "-rm",
                  "sh",
                  "-c",
                  "mount -t tmpfs -o size=1m tmpfs \"$1\"",
                  "sh",
                  mount.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!probe.waitFor(20, TimeUnit.SECONDS)) {
        probe.destroyForcibly();
        return false;
      }
      return probe.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
