package dev.waymark.torture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.torture.InvariantChecker.Rule;
import dev.waymark.torture.TortureHarness.ChildRun;
import dev.waymark.torture.TortureHarness.RoundResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty real SIGKILLs (four rounds of five, more rounds if a child finishes before its kill), each
 * followed by a resume in a new JVM; no invariant may break. Set {@code -Dtorture.seed=S} to replay
 * a seed's workflows.
 */
class TortureTest {
  @TempDir Path dir;

  @Test
  void twentyKillsBreakNoInvariant() throws Exception {
    long seed = Long.getLong("torture.seed", System.nanoTime());
    System.out.println("TortureTest seed " + seed);
    TortureHarness.Summary summary =
        new TortureHarness(
                new TortureHarness.Config(
                    dir,
                    20,
                    5,
                    seed,
                    4,
                    Duration.ofSeconds(90),
                    false,
                    false,
                    false,
                    EnumSet.noneOf(Rule.class),
                    System.out))
            .run();
    System.out.println(summary.line());
    String violations =
        summary.rounds().stream()
            .flatMap(r -> r.failures().stream().map(v -> "round seed " + r.seed() + ": " + v))
            .collect(Collectors.joining("\n"));
    assertEquals(0, summary.violations(), "seed " + seed + ":\n" + violations);
    assertEquals(20, summary.kills(), "seed " + seed);
    for (RoundResult round : summary.rounds()) {
      assertTrue(round.completed(), "round " + round.round() + " of seed " + seed + " completed");
      ChildRun last = round.children().get(round.children().size() - 1);
      assertEquals(0, last.exitCode(), "the last child of round " + round.round());
      for (ChildRun child : round.children()) {
        if (child.killRequested() && child != last) {
          assertEquals(137, child.exitCode(), "SIGKILL ended child " + child.index());
        }
      }
    }
  }
}
