package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The compatibility rule between a recorded step shape and the current one. */
class ShapeTextTest {
  private static final String STAT =
      "record com.example.Stat(item java.lang.String, qty int, price int)";

  private static ShapeText.Change change(String recorded, String current, boolean readOnly) {
    return ShapeText.difference(ShapeText.parse(recorded), ShapeText.parse(current), readOnly);
  }

  @Test
  void sameShapeIsCompatible() {
    String shape = "in int\nin com.example.Stat\nout int\n" + STAT;
    assertNull(change(shape, shape, false));
  }

  @Test
  void reorderedComponentsAreARecordChange() {
    ShapeText.Change change =
        change(
            "in com.example.Stat\nout int\n" + STAT,
            "in com.example.Stat\nout int\n"
                + "record com.example.Stat(item java.lang.String, price int, qty int)",
            false);
    assertEquals("record Stat", change.type());
    assertEquals(
        "(item String, qty int, price int) is now (item String, price int, qty int)",
        change.detail());
  }

  @Test
  void aNestedRecordChangeIsNamedWhereItIs() {
    String outer = "record com.example.Line(stat com.example.Stat, n int)";
    ShapeText.Change change =
        change(
            "in com.example.Line\nout int\n" + outer + "\n" + STAT,
            "in com.example.Line\nout int\n"
                + outer
                + "\nrecord com.example.Stat(item java.lang.String, qty long, price int)",
            false);
    assertEquals("record Stat", change.type());
  }

  @Test
  void inputsAndStateMustMatchForAStepThatRuns() {
    assertEquals(
        "its inputs (int) are now (long)",
        change("in int\nout int", "in long\nout int", false).detail());
    assertEquals(
        "its inputs (int) are now (int, int)",
        change("in int\nout int", "in int\nin int\nout int", false).detail());
    assertEquals(
        "its Checkpointer state Progress is now (none)",
        change("state com.example.Progress\nout int", "out int", false).detail());
  }

  @Test
  void onlyTheResultMattersForAStoredOutputThatIsRead() {
    assertNull(change("in int\nout int", "in long\nout int", true));
    assertEquals("its result int is now long", change("out int", "out long", true).detail());
  }

  @Test
  void aReadOutputChecksOnlyTheRecordsItsResultReaches() {
    String recorded = "in com.example.Stat\nout java.lang.String\n" + STAT;
    String current =
        "in com.example.Stat\nout java.lang.String\n"
            + "record com.example.Stat(item java.lang.String, price int)";
    assertNull(change(recorded, current, true), "the stored String does not hold a Stat");
    assertEquals("record Stat", change(recorded, current, false).type());
    String listOut = "out java.util.List<com.example.Stat>\n";
    assertEquals(
        "record Stat",
        change(listOut + STAT, listOut + "record com.example.Stat(item java.lang.String)", true)
            .type());
  }

  @Test
  void enumsMayGainConstantsButNotLoseThem() {
    String before = "out com.example.Color\nenum com.example.Color{GREEN, RED}";
    assertNull(
        change(before, "out com.example.Color\nenum com.example.Color{BLUE, GREEN, RED}", true));
    ShapeText.Change lost =
        change(before, "out com.example.Color\nenum com.example.Color{BLUE, RED}", true);
    assertEquals("enum Color", lost.type());
    assertEquals("it lost constant GREEN, which stored values may hold", lost.detail());
  }

  @Test
  void briefLeavesPackagesOut() {
    assertEquals(
        "Map<String, Pipeline.Point[]>",
        ShapeText.brief("java.util.Map<java.lang.String, com.example.Pipeline.Point[]>"));
  }
}
