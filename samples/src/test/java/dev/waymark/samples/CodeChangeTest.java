package dev.waymark.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.test.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code that changes between runs, as a user meets it: version 1 of a program (compiled here with
 * javac and the processor) records a dozen workflows and is killed with SIGKILL once each has
 * committed its first step; version 2 (the same classes, edited) resumes them; then version 1 runs
 * again. A value is only ever read with the shape that wrote it: each change is refused naming the
 * workflow, the step, the type and the difference, and the workflow stays resumable, or it is
 * compatible and finishes. The sources are under {@code src/test/resources/evolution}.
 */
class CodeChangeTest {
  private static final List<String> IDS =
      List.of(
          "finished",
          "reorder",
          "retype",
          "grow",
          "param-type",
          "param-added",
          "body-only",
          "renamed",
          "version-only",
          "enum-grow",
          "enum-shrink",
          "upgrade");

  @TempDir static Path dir;

  /** What version 2 printed, then what version 1 printed when it ran again. */
  static Run second;

  static Run third;

  @BeforeAll
  static void runVersionOneThenTwoThenOne() throws Exception {
    Path v1 = dir.resolve("v1");
    Path v2 = dir.resolve("v2");
    Javac.compile(resource("evolution/v1"), v1);
    Javac.compile(resource("evolution/v2"), v2);
    Path storage = dir.resolve("storage");

    Path firstOut = dir.resolve("first.out");
    Process first = driver(firstOut, v1, List.of("-Devo.block=true"), storage, "start");
    ChildJvm.awaitLine(first, firstOut, "READY", Duration.ofSeconds(120));
    first.destroyForcibly(); // SIGKILL, every case holding its second step
    first.waitFor();

    second = run(dir.resolve("second.out"), v2, storage);
    third = run(dir.resolve("third.out"), v1, storage);
  }

  @Test
  void theReplayCheckNamesExactlyWhatResumingRefusesAndRunsNothing() {
    assertFalse(second.refused.isEmpty());
    assertEquals(second.refused.keySet(), second.incompatible.keySet(), second.text);
    second.incompatible.forEach(
        (id, why) ->
            assertTrue(
                second.refused.get(id).endsWith(why), "resuming " + id + ": " + second.refused));
  }

  @Test
  void reorderedRecordComponentsAreRefusedNamingTheRecordAndTheChange() {
    assertRefused(
        "reorder",
        "record Reorder.Stat changed since workflow 'reorder' was recorded: (item String, qty int,"
            + " price int) is now (item String, price int, qty int); step 'describe'"
            + " (evo.Reorder#describe) stores or reads values of it");
    assertFalse(second.text.contains("qty=7"), "the swapped value is never seen");
    assertEquals("apple qty=3 price=7", third.results.get("reorder"));
  }

  @Test
  void aRetypedComponentIsRefused() {
    assertRefused("retype", "(item String, cents int) is now (item String, cents float)");
    assertEquals("pear=350", third.results.get("retype"));
  }

  @Test
  void aRecordThatGainedAComponentIsRefusedSayingSo() {
    assertRefused(
        "grow",
        "record Grow.Item changed since workflow 'grow' was recorded: (name String, qty int) is now"
            + " (name String, qty int, note String)");
    assertFalse(second.refused.get("grow").contains("removed or renamed"));
    assertEquals("plum x4", third.results.get("grow"));
  }

  @Test
  void aPendingStepsRetypedParameterIsRefusedNotAClassCastException() {
    assertRefused(
        "param-type",
        "step 'second' (evo.ParamType#second) changed since workflow 'param-type' was recorded:"
            + " its inputs (int) are now (long)");
    assertEquals("42", third.results.get("param-type"));
  }

  @Test
  void aPendingStepsAddedParameterIsRefused() {
    assertRefused("param-added", "its inputs (int) are now (int, int)");
    assertEquals("42", third.results.get("param-added"));
  }

  @Test
  void aChangedBodyIsCompatible() {
    assertEquals("210", second.results.get("body-only"), "version 2's body ran: (20 + 1) * 10");
    assertEquals("SUCCESSFUL", second.statuses.get("body-only"));
  }

  @Test
  void aRenamedMethodThatKeepsItsStepNameIsCompatible() {
    assertEquals("42", second.results.get("renamed"));
  }

  @Test
  void aStepWhoseRecordedVersionIsGoneIsRefusedSayingWhichToKeep() {
    assertRefused(
        "version-only",
        "needs version 1 of step evo.VersionOnly#second, but this code declares only version 2:"
            + " keep the version-1 method, annotated @Step(name = \"second\", version = 1)");
    assertEquals("42", third.results.get("version-only"));
  }

  @Test
  void anEnumThatGainedAConstantIsCompatible() {
    assertEquals("painted GREEN", second.results.get("enum-grow"));
  }

  @Test
  void anEnumThatLostAStoredConstantIsRefused() {
    assertRefused(
        "enum-shrink",
        "enum EnumShrink.Color changed since workflow 'enum-shrink' was recorded: it lost constant"
            + " GREEN");
    assertEquals("painted GREEN", third.results.get("enum-shrink"));
  }

  @Test
  void aFinishedWorkflowsOutputWhoseRecordChangedIsRefusedNotMisread() {
    assertRefused("finished", "record Finished.Total changed");
    assertEquals("SUCCESSFUL", second.statuses.get("finished"));
    assertEquals("Total[label=sum, a=1, b=2]", third.results.get("finished"));
  }

  @Test
  void aDeclaredUpgradeFinishesOldWorkflowsOnTheOldVersionAndRunsNewOnesOnTheNew() {
    assertEquals("charged 1250 for A-1 (v1)", second.results.get("upgrade"));
    assertEquals("charged 1250 EUR for B-2 (v2)", second.results.get("upgrade-new"));
  }

  @Test
  void everyRefusalSaysWhatToDo() {
    for (Map.Entry<String, String> refusal : second.refused.entrySet()) {
      String message = refusal.getValue();
      assertTrue(message.startsWith("WorkflowNotResumableException "), message);
      assertTrue(
          message.contains("with the code it was recorded with")
              || message.contains("until the workflows recorded with it have finished"),
          message);
    }
    assertEquals(
        List.of(
            "enum-shrink",
            "finished",
            "grow",
            "param-added",
            "param-type",
            "reorder",
            "retype",
            "version-only"),
        second.refused.keySet().stream().sorted().toList());
  }

  /** Refused by version 2 with {@code message}, still RESUMABLE, finished by version 1. */
  private static void assertRefused(String id, String message) {
    String refusal = second.refused.get(id);
    assertTrue(refusal != null, () -> id + " was not refused:\n" + second.text);
    assertTrue(refusal.contains(message), refusal);
    if (!id.equals("finished")) {
      assertEquals("RESUMABLE", second.statuses.get(id), "refused, not FAILED: " + id);
      assertEquals("SUCCESSFUL", third.statuses.get(id), third.text);
    }
    assertFalse(third.refused.containsKey(id), third.text);
  }

  private static Run run(Path output, Path classes, Path storage) throws Exception {
    Process child = driver(output, classes, List.of(), storage, "resume");
    assertTrue(child.waitFor(180, TimeUnit.SECONDS), "the driver finished");
    String text = Files.readString(output);
    assertEquals(0, child.exitValue(), text);
    return new Run(text);
  }

  private static Process driver(
      Path output, Path classes, List<String> jvmArgs, Path storage, String command)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(storage.toString(), command));
    args.addAll(IDS);
    return ChildJvm.start(
        output, true, jvmArgs, List.of(classes), "evo.Driver", args.toArray(String[]::new));
  }

  private static Path resource(String name) throws Exception {
    return Path.of(CodeChangeTest.class.getClassLoader().getResource(name).toURI());
  }

  /** The lines a driver printed: RESULT id value, REFUSED id message, STATUS id status. */
  static final class Run {
    final String text;
    final Map<String, String> results = new HashMap<>();
    final Map<String, String> refused = new HashMap<>();
    final Map<String, String> statuses = new HashMap<>();
    final Map<String, String> incompatible = new HashMap<>();

    Run(String text) {
      this.text = text;
      for (String line : text.split("\n")) {
        String[] parts = line.split(" ", 3);
        if (parts.length == 3) {
          switch (parts[0]) {
            case "RESULT" -> results.put(parts[1], parts[2]);
            case "REFUSED" -> refused.put(parts[1], parts[2]);
            case "STATUS" -> statuses.put(parts[1], parts[2]);
            case "INCOMPATIBLE" -> incompatible.put(parts[1], parts[2]);
            default -> {}
          }
        }
      }
    }
  }
}
