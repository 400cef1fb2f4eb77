package dev.waymark.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  @Test
  void parsesTheCommandLineOfBenchSh() {
    BenchOptions options =
        BenchOptions.parse(
            new String[] {
              "smoke",
              "--docs",
              "docs",
              "--dbos-url",
              "jdbc:postgresql://127.0.0.1:5/x",
              "--prof",
              "gc",
              "--revision",
              "commit abc1234"
            });
    assertEquals(Profile.SMOKE, options.profile());
    assertEquals(Path.of("docs"), options.docs());
    assertEquals("jdbc:postgresql://127.0.0.1:5/x", options.dbosUrl());
    assertEquals("postgres", options.dbosUser());
    assertEquals(List.of("gc"), options.profilers());
    assertEquals("commit abc1234", options.revision());
    assertTrue(options.allParts());
  }

  @Test
  void aPartialRunIsKnownAsSuch() {
    BenchOptions options = BenchOptions.parse(new String[] {"full", "--parts", "jmh,resume"});
    assertTrue(options.runs("jmh"));
    assertFalse(options.runs("dbos"));
    assertFalse(options.allParts());
  }

  @Test
  void refusesWhatItDoesNotKnow() {
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"quick"}));
    assertThrows(
        IllegalArgumentException.class,
        () -> BenchOptions.parse(new String[] {"smoke", "--parts", "jmh,nope"}));
    assertThrows(
        IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"smoke", "--docs"}));
  }
}
