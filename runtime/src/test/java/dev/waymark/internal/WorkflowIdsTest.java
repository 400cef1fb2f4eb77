package dev.waymark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which workflow ids and event keys are accepted, and what a refused one is told. */
class WorkflowIdsTest {
  @Test
  void idsOfLettersDigitsDotsUnderscoresAndDashesStartingWithALetterOrDigitPass() {
    char[] longest = new char[200];
    Arrays.fill(longest, 'x');
    for (String id :
        List.of("a", "Z", "7", "order-2026.11_03", "9-", "a.b.c", "A_", new String(longest))) {
      assertEquals(id, WorkflowIds.check(id));
      assertEquals(id, WorkflowIds.checkEventKey(id));
    }
  }

  @Test
  void otherIdsAreRefusedWithWhatIsAllowed() {
    char[] tooLong = new char[201];
    Arrays.fill(tooLong, 'x');
    List<String> refused =
        Arrays.asList(
            null, "", "-a", ".a", "_a", "a b", "a/b", "../x", "é", "a\n", new String(tooLong));
    for (String id : refused) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> WorkflowIds.check(id), "" + id);
      assertTrue(e.getMessage().contains("use 1 to 200 letters, digits"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> WorkflowIds.checkEventKey(id), "" + id);
    }
  }
}
