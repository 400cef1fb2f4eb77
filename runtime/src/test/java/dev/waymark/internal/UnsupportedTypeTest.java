package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waymark.Workflow;
import dev.waymark.exceptions.UnsupportedCheckpointTypeException;
import dev.waymark.exceptions.WorkflowException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A value Waymark cannot store is refused in Waymark's words, naming its type. */
class UnsupportedTypeTest {

  @Test
  void aConstantOfAnUnknownTypeIsRefusedWhenTheWorkflowIsBuilt() {
    UnsupportedCheckpointTypeException e =
        assertThrows(UnsupportedCheckpointTypeException.class, () -> Workflow.of(new Thread()));
    assertEquals(Thread.class, e.type());
    assertTrue(
        e.getMessage()
            .startsWith(
                "cannot store a value of type java.lang.Thread: no @Step signature on the class"
                    + " path uses that type"),
        e.getMessage());
    assertFalse(e.getMessage().toLowerCase(Locale.ROOT).contains("kryo"), e.getMessage());
    assertTrue(e instanceof WorkflowException, "every exception Waymark throws on purpose");
  }

  @Test
  void aValueInsideACollectionIsNamedToo() {
    UnsupportedCheckpointTypeException e =
        assertThrows(
            UnsupportedCheckpointTypeException.class, () -> Workflow.of(List.of(new Thread())));
    assertTrue(
        e.getMessage().contains("it holds a java.lang.Thread, which cannot be stored"),
        e.getMessage());
    assertFalse(e.getMessage().toLowerCase(Locale.ROOT).contains("kryo"), e.getMessage());
  }
}
