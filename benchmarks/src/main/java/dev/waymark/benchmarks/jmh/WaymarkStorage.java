package dev.waymark.benchmarks.jmh;

import dev.waymark.Durability;
import dev.waymark.Waymark;
import dev.waymark.Workflow;
import dev.waymark.benchmarks.TempFiles;
import dev.waymark.benchmarks.steps.Trivial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A Waymark runtime on a fresh storage directory in the temp dir, one per fork. Every run gets a
 * new workflow id; the runs of an iteration are deleted after it, so disk use stays bounded.
 */
@State(Scope.Thread)
public class WaymarkStorage {
  private Path dir;
  private Waymark waymark;
  private final List<String> ran = new ArrayList<>();
  private long counter;

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("waymark-bench-");
    TempFiles.deleteOnExit(dir); // JMH skips the teardown of a benchmark that threw
    waymark = Waymark.builder().storage(dir).durability(durability()).build();
    // The first Chronicle map of a JVM loads and initialises Chronicle: not part of any step.
    waymark.run(Trivial.chain(10), "warm-up");
    waymark.delete("warm-up");
  }

  /** What the runtime's commits survive: the default. */
  protected Durability durability() {
    return Durability.PROCESS_CRASH;
  }

  /** Runs {@code workflow} under a new id and returns its result. */
  public <T> T run(Workflow<T> workflow) {
    String id = "run-" + counter++;
    ran.add(id);
    return waymark.run(workflow, id);
  }

  @TearDown(Level.Iteration)
  public void deleteRuns() {
    for (String id : ran) {
      waymark.delete(id);
    }
    ran.clear();
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    waymark.close();
    TempFiles.deleteRecursively(dir);
  }
}
