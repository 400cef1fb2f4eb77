package dev.waymark.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void medianAndQuartilesInterpolateBetweenSortedSamples() {
    Stats stats = Stats.of(List.of(40.0, 10.0, 30.0, 20.0));
    assertEquals(4, stats.n());
    assertEquals(10, stats.min());
    assertEquals(17.5, stats.p25(), 1e-9);
    assertEquals(25, stats.median(), 1e-9);
    assertEquals(32.5, stats.p75(), 1e-9);
    assertEquals(40, stats.max());
  }

  @Test
  void oneSampleIsItsOwnMedianAndSpread() {
    Stats stats = Stats.of(List.of(7.0));
    assertEquals(7, stats.min());
    assertEquals(7, stats.p25());
    assertEquals(7, stats.median());
    assertEquals(7, stats.max());
  }

  @Test
  void noSamplesIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> Stats.of(List.of()));
  }
}
