package dev.waymark.internal.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.waymark.WorkflowStatus;
import org.junit.jupiter.api.Test;

/** A listing reads a status's kind from its first byte; it must agree with a full decode. */
class StatusRecordTest {

  @Test
  void theFirstByteSaysTheStatusOfEveryRecord() {
    for (WorkflowStatus status : WorkflowStatus.values()) {
      for (String error : new String[] {null, "", "x".repeat(300)}) {
        byte[] bytes = new StatusRecord(status, error, 1, 2, 3).encode();
        assertEquals(status, StatusRecord.statusOf(bytes), status + " / " + error);
        assertEquals(status, StatusRecord.decode(bytes).status());
      }
    }
  }

  @Test
  void bytesThatDoNotSayAreLeftToTheDecoder() {
    assertNull(StatusRecord.statusOf(new byte[0]));
    assertNull(StatusRecord.statusOf(new byte[] {(byte) 0x81, 0}));
    assertNull(StatusRecord.statusOf(new byte[] {(byte) WorkflowStatus.values().length}));
  }
}
