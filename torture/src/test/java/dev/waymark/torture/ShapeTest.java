package dev.waymark.torture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.annotations.CheckpointMode;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generated workflows: deterministic, varied, consistent, and of a sensible size. */
class ShapeTest {

  @Test
  void aSeedAlwaysGivesTheSameWorkflow() {
    for (long seed = 0; seed < 50; seed++) {
      assertEquals(
          List.copyOf(Shape.generate(seed).nodes()),
          List.copyOf(Shape.generate(seed).nodes()),
          "seed " + seed);
    }
    assertTrue(Shape.generate(1).result() != Shape.generate(2).result());
  }

  @Test
  void everySeedMixesEveryKindAndStaysSmall() {
    for (long seed = 0; seed < 300; seed++) {
      Shape shape = Shape.of(seed);
      Set<Shape.Kind> kinds = EnumSet.noneOf(Shape.Kind.class);
      shape.tasks().forEach(t -> kinds.add(t.kind()));
      assertEquals(
          EnumSet.complementOf(EnumSet.of(Shape.Kind.CONST)), kinds, "kinds of seed " + seed);
      int tasks = shape.tasks().size();
      assertTrue(tasks >= 20 && tasks <= 250, "seed " + seed + " has " + tasks + " tasks");
    }
  }

  @Test
  void everyNodeIsNeededAndEveryInputExists() {
    for (long seed = 0; seed < 300; seed++) {
      Shape shape = Shape.of(seed);
      Set<String> needed = new HashSet<>();
      collect(shape, shape.root(), needed);
      for (Shape.Node node : shape.tasks()) {
        assertTrue(needed.contains(node.id()), node.id() + " of seed " + seed + " is needed");
      }
    }
  }

  private static void collect(Shape shape, String id, Set<String> needed) {
    if (!needed.add(id)) {
      return;
    }
    Shape.Node node = shape.node(id);
    for (String input : node.inputs()) {
      collect(shape, input, needed);
    }
    if (node.kind() == Shape.Kind.EXPAND) {
      collect(shape, node.innerOutput(), needed);
    }
  }

  @Test
  void checkpointTrueOnlyOnTheOutputOfAnUnstoredContinuation() {
    for (long seed = 0; seed < 300; seed++) {
      Shape shape = Shape.of(seed);
      for (Shape.Node node : shape.tasks()) {
        if (node.kind() != Shape.Kind.EXPAND) {
          continue;
        }
        for (String member : node.inner()) {
          Shape.Node inner = shape.node(member);
          if (inner.checkpoint() == CheckpointMode.TRUE) {
            assertEquals(node.innerOutput(), member, "seed " + seed);
            assertEquals(CheckpointMode.FALSE, node.checkpoint(), "seed " + seed);
            assertTrue(inner.stored());
          }
          if (!node.stored() && !member.equals(node.innerOutput())) {
            assertTrue(!inner.stored(), member + " of seed " + seed + " inherits FALSE");
          }
        }
      }
    }
  }
}
