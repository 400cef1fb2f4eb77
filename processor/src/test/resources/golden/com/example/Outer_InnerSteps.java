package com.example;

import dev.waymark.Workflow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * Workflow builders for the {@code @Step} methods of {@link Outer.Inner}.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class Outer_InnerSteps {
  private Outer_InnerSteps() {
  }

  /**
   * Builds a task of {@link Outer.Inner#grow(Outer.Tree, Map, TreeMap)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Optional<Outer.Tree>> grow(Outer.Tree seed,
      Map<Outer.Level, Set<String>> tags, TreeMap<String, BigDecimal> prices) {
    return Outer_Inner_WaymarkModule.GROW.call(Workflow.of(seed), Workflow.of(tags), Workflow.of(prices));
  }

  /**
   * Builds a task of {@link Outer.Inner#grow(Outer.Tree, Map, TreeMap)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Optional<Outer.Tree>> grow(Workflow<? extends Outer.Tree> seed,
      Workflow<? extends Map<Outer.Level, Set<String>>> tags,
      Workflow<? extends TreeMap<String, BigDecimal>> prices) {
    return Outer_Inner_WaymarkModule.GROW.call(seed, tags, prices);
  }

  /**
   * Builds a task of {@link Outer.Inner#timestamp(UUID, Outer.Level[][], Integer)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Instant> stamp(UUID id, Outer.Level[][] grid, Integer boxed) {
    return Outer_Inner_WaymarkModule.STAMP.call(Workflow.of(id), Workflow.of(grid), Workflow.of(boxed));
  }

  /**
   * Builds a task of {@link Outer.Inner#timestamp(UUID, Outer.Level[][], Integer)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Instant> stamp(Workflow<? extends UUID> id,
      Workflow<? extends Outer.Level[][]> grid, Workflow<? extends Integer> boxed) {
    return Outer_Inner_WaymarkModule.STAMP.call(id, grid, boxed);
  }
}
