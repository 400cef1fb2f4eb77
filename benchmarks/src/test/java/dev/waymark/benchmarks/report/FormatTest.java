package dev.waymark.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormatTest {
  @Test
  void durationsGetThreeSignificantDigitsAndAFittingUnit() {
    assertEquals("1.84 ns", Format.nanos(1.84));
    assertEquals("456 ns", Format.nanos(456.2));
    assertEquals("1.00 us", Format.nanos(999.7));
    assertEquals("12.3 us", Format.nanos(12_345));
    assertEquals("2.10 s", Format.nanos(2.1e9));
  }

  @Test
  void axisDecadesReadAsRoundNumbers() {
    assertEquals("0.1 ns", Format.decade(-1));
    assertEquals("1 ns", Format.decade(0));
    assertEquals("100 ns", Format.decade(2));
    assertEquals("1 us", Format.decade(3));
    assertEquals("10 ms", Format.decade(7));
    assertEquals("1 s", Format.decade(9));
  }

  @Test
  void aMissingFigureSaysNotMeasuredOnce() {
    assertEquals("not run", Format.notMeasured("not run"));
    assertEquals("not measured: failed: boom", Format.notMeasured("failed: boom"));
  }

  @Test
  void aRangeUsesTheUnitOfItsUpperEnd() {
    assertEquals("0.92-1.40 us", Format.nanoRange(920, 1_400));
  }

  @Test
  void ratesAndRatios() {
    assertEquals("912,000", Format.count(912_345));
    assertEquals("312x", Format.ratio(312.4));
    assertEquals("4.10x", Format.ratio(4.1));
  }

  @Test
  void pathsAreMaskedInMessages() {
    assertEquals(
        "Cannot run program \"<path>\": <path> (No such file)",
        Format.withoutPaths(
            "Cannot run program \"/opt/example/bin/java\": /srv/example-1/a.log (No such file)"));
    assertEquals("ns/op p25-p75 1.2/3", Format.withoutPaths("ns/op p25-p75 1.2/3"));
  }
}
