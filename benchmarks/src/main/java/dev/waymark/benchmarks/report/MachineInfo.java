package dev.waymark.benchmarks.report;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What the figures were measured on: cores, CPU, memory, OS, JDK, and the file system of the temp
 * directory (where every storage lives). Names no path and no host.
 */
public record MachineInfo(
    int cores,
    String cpu,
    long memoryBytes,
    String os,
    String jdk,
    String tempFileSystem,
    String date) {

  public static MachineInfo collect() {
    long memory = 0;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
      memory = os.getTotalMemorySize();
    }
    return new MachineInfo(
        Runtime.getRuntime().availableProcessors(),
        cpuModel(),
        memory,
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " ("
            + System.getProperty("os.arch")
            + ")",
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.vm.vendor")
            + ")",
        fileSystemOfTemp(),
        ZonedDateTime.now(ZoneOffset.UTC)
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)));
  }

  private static String cpuModel() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      for (String line : lines) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: the model stays unknown
    }
    return "unknown";
  }

  private static String fileSystemOfTemp() {
    try {
      return Files.getFileStore(Path.of(System.getProperty("java.io.tmpdir"))).type();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
