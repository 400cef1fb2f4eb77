package com.example;

import dev.waymark.annotations.Step;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/** A nested step class whose checkpoint types nest, recurse and hold every primitive. */
public class Outer {
  static class Inner {
    @Step
    static Optional<Tree> grow(
        Tree seed, Map<Level, Set<String>> tags, TreeMap<String, BigDecimal> prices) {
      return Optional.of(new Tree(seed.label() + tags.size() + prices.size(), List.of(seed), null));
    }

    @Step(name = "stamp")
    static Instant timestamp(UUID id, Level[][] grid, Integer boxed) {
      return Instant.EPOCH;
    }
  }

  record Tree(String label, List<Tree> children, Leaf leaf) {}

  record Leaf(byte b, short s, char c, float f, double d, boolean z, long l) {}

  enum Level {
    LOW,
    HIGH
  }
}
