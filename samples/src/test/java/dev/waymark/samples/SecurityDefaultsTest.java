package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Waymark;
import dev.waymark.test.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Waymark does by default that a security review asks about. */
class SecurityDefaultsTest {
  @TempDir Path dir;

  @Test
  void everyStorageDirectoryIsOwnerOnly() throws IOException {
    Path storage = dir.resolve("storage");
    try (Waymark waymark = Waymark.open(storage)) {
      assertEquals(285, waymark.run(PipelineSample.pipeline(10), "private"));
    }
    List<Path> dirs;
    try (Stream<Path> all = Files.walk(storage)) {
      dirs = all.filter(Files::isDirectory).toList();
    }
    assertTrue(dirs.size() >= 4, "storage, workflows, the workflow, templates: " + dirs);
    for (Path d : dirs) {
      assertEquals(
          "rwx------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(d)),
          d.toString());
    }
  }

  /** Linux only: reads the process's socket descriptors and the kernel's socket tables. */
  @Test
  void aJvmRunningWorkflowsListensOnNoPort() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc");
    Path out = dir.resolve("quiet.out");
    Process child = ChildJvm.start(out, QuietProgram.class, dir.resolve("storage").toString());
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(out).contains("ran 285")) {
        assertTrue(child.isAlive(), () -> "child ended: " + read(out));
        assertTrue(System.nanoTime() < deadline, "child too slow");
        Thread.sleep(50);
      }
      Set<String> sockets = new HashSet<>();
      try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(child.pid()), "fd"))) {
        for (Path fd : fds.toList()) {
          try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[")) {
              sockets.add(target.substring("socket:[".length(), target.length() - 1));
            }
          } catch (IOException closedMeanwhile) {
            // not a socket any more
          }
        }
      }
      List<String> listening = new java.util.ArrayList<>();
      for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
        Path file = Path.of("/proc", Long.toString(child.pid()), "net", table);
        if (!Files.exists(file)) {
          continue;
        }
        for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
          String[] f = line.trim().split("\\s+");
          // st 0A is TCP LISTEN; any UDP socket bound by this process receives datagrams.
          boolean open = table.startsWith("udp") || f[3].equals("0A");
          if (open && sockets.contains(f[9])) {
            listening.add(table + " " + line.trim());
          }
        }
      }
      assertEquals(List.of(), listening, "sockets the workflow JVM listens on");
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
