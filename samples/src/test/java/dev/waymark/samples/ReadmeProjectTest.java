package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Using it in your own project", as a newcomer follows it: its files are copied into
 * a fresh directory, and the command it gives is run with the machine's Maven, in a child process.
 * Waymark's artifacts come from this build, installed into a fresh local repository as {@code mvn
 * install} would; everything else comes from the user's local repository, else from the network.
 */
class ReadmeProjectTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String VERSION = "0.1.0-SNAPSHOT";
  private static final Pattern FILE =
      Pattern.compile("<!-- project-file: (\\S+) -->\\n```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL);

  @TempDir Path dir;

  @Test
  void theReadmeProjectBuildsAndRunsAndPassesAStrictBuild() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    Map<String, String> files = projectFiles(readme);
    assertEquals(
        List.of(
            "pom.xml",
            ".mvn/jvm.config",
            "src/main/java/com/example/orders/Orders.java",
            "src/main/java/com/example/orders/App.java"),
        List.copyOf(files.keySet()));
    String command = marker(readme, "project-run");
    String expected = marker(readme, "project-output");

    Path project = dir.resolve("orders");
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = project.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue() + "\n");
    }
    Path repository = installWaymark(dir.resolve("repository"));
    Path settings = settings(dir.resolve("settings.xml"));

    String run = maven(project, repository, settings, command.split(" "));
    assertTrue(run.contains(expected), run);

    // The same project, every lint on and warnings as errors: no warning from generated code, and
    // none about annotations that no processor claimed.
    String strict =
        files
            .get("pom.xml")
            .replace(
                "<release>17</release>",
                "<release>17</release>\n"
                    + "<compilerArgs><arg>-Xlint:all</arg><arg>-Werror</arg></compilerArgs>");
    assertFalse(strict.equals(files.get("pom.xml")), "the compiler plugin's configuration moved");
    Files.writeString(project.resolve("pom.xml"), strict);
    String lint = maven(project, repository, settings, "-q", "clean", "compile");
    assertFalse(lint.contains("WARNING"), lint);
  }

  /** The files the README gives, in order: a marker line, then a fenced block of the content. */
  private static Map<String, String> projectFiles(String readme) {
    Map<String, String> files = new LinkedHashMap<>();
    Matcher file = FILE.matcher(readme);
    while (file.find()) {
      files.put(file.group(1), file.group(2));
    }
    return files;
  }

  private static String marker(String readme, String name) {
    Matcher marker = Pattern.compile("<!-- " + name + ": (.*?) -->").matcher(readme);
    assertTrue(marker.find(), "the README has a " + name + " marker");
    return marker.group(1);
  }

  /** What {@code mvn install} in a checkout puts in a local repository, from this build. */
  private static Path installWaymark(Path repository) throws IOException {
    install(repository, "waymark-parent", ROOT.resolve("pom.xml"), null);
    install(repository, "waymark-bom", ROOT.resolve("bom/pom.xml"), null);
    for (String module : List.of("annotations", "runtime", "processor")) {
      Path jar = ROOT.resolve(module + "/target/waymark-" + module + "-" + VERSION + ".jar");
      assertTrue(Files.isRegularFile(jar), jar + " is built before this module's tests run");
      install(repository, "waymark-" + module, ROOT.resolve(module + "/pom.xml"), jar);
    }
    return repository;
  }

  private static void install(Path repository, String artifact, Path pom, Path jar)
      throws IOException {
    Path version = repository.resolve("dev/waymark/" + artifact + "/" + VERSION);
    Files.createDirectories(version);
    String base = artifact + "-" + VERSION;
    Files.copy(pom, version.resolve(base + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    if (jar != null) {
      Files.copy(jar, version.resolve(base + ".jar"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Settings that read everything but Waymark from the user's local repository first (so that the
   * test needs no network where the project's own build needed none), then from the default remote
   * one.
   */
  private static Path settings(Path file) throws IOException {
    String local = Path.of(System.getProperty("user.home"), ".m2", "repository").toUri().toString();
    String repository =
        "<id>user-local</id><url>"
            + local
            + "</url><releases><enabled>true</enabled></releases>"
            + "<snapshots><enabled>false</enabled></snapshots>";
    Files.writeString(
        file,
        "<settings><profiles><profile><id>user-local</id>"
            + "<repositories><repository>"
            + repository
            + "</repository></repositories>"
            + "<pluginRepositories><pluginRepository>"
            + repository
            + "</pluginRepository></pluginRepositories>"
            + "</profile></profiles>"
            + "<activeProfiles><activeProfile>user-local</activeProfile></activeProfiles>"
            + "</settings>");
    return file;
  }

  /** Runs the machine's Maven in {@code project} on this JDK; returns its output once it passed. */
  private static String maven(Path project, Path repository, Path settings, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("mvn", "-B"));
    command.add("-s");
    command.add(settings.toString());
    command.add("-Dmaven.repo.local=" + repository);
    command.addAll(List.of(args).subList(args[0].equals("mvn") ? 1 : 0, args.length));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("MAVEN_OPTS");
    Path log = project.resolveSibling("maven-" + System.nanoTime() + ".log");
    builder.redirectOutput(log.toFile());
    Process maven = builder.start();
    if (!maven.waitFor(10, TimeUnit.MINUTES)) {
      maven.destroyForcibly();
      throw new AssertionError("Maven did not finish in 10 minutes: " + Files.readString(log));
    }
    String output = Files.readString(log);
    assertEquals(0, maven.exitValue(), String.join(" ", command) + "\n" + output);
    return output;
  }
}
