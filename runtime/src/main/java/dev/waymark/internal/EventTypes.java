package dev.waymark.internal;

import dev.waymark.exceptions.EventTypeMismatchException;
import dev.waymark.exceptions.UnsupportedCheckpointTypeException;
import dev.waymark.internal.storage.Payload;
import dev.waymark.internal.storage.Storage;

/**
 * The type an event wait expects: fixed by {@code Workflow.waitForEvent(key, type)}, recorded in
 * the DAG with the wait, checked when an event is sent (when the type is known then) and again when
 * the wait receives it, so that a payload of another type never reaches a step or a result.
 */
final class EventTypes {
  private EventTypes() {}

  /** The name recorded for {@code type}; a primitive is recorded as its box. */
  static String nameOf(Class<?> type) {
    Class<?> boxed = box(type);
    if (!StepRegistry.get().isStorable(boxed)) {
      throw new UnsupportedCheckpointTypeException(
          type,
          "no @Step signature on the class path uses that type, so no event of it can be stored;"
              + " wait for a type some step takes or returns",
          null);
    }
    return boxed.getName();
  }

  /** Whether {@code payload} is of the recorded type; a type this JVM cannot name passes. */
  static boolean matches(String typeName, Object payload) {
    if (payload == null) {
      return true;
    }
    Class<?> type = StepRegistry.get().typeNamed(typeName);
    return type == null || type.isInstance(payload);
  }

  /**
   * The type a wait of {@code workflowId} expects for the mailbox event {@code key}: recorded by a
   * wait that started, or by a wait of the workflow's recorded DAG; null when none is known yet.
   */
  static String expected(Storage store, String workflowId, String key) {
    String recorded = store.readEventExpectation(workflowId, key);
    if (recorded != null) {
      return recorded;
    }
    Payload dag = store.readDag(workflowId);
    if (dag == null) {
      return null;
    }
    Plan plan = DagCodec.decode(dag);
    for (int t = 0; t < plan.taskCount(); t++) {
      if (plan.taskStep[t] != Plan.ALL
          && plan.stepIds[plan.taskStep[t]].equals(BuiltInSteps.EVENT.id())
          && plan.taskInputs[t].length == 3
          && "".equals(constant(plan, plan.taskInputs[t][0]))
          && key.equals(constant(plan, plan.taskInputs[t][1]))) {
        return (String) constant(plan, plan.taskInputs[t][2]);
      }
    }
    return null;
  }

  /** Refuses {@code payload} when it is not of the {@code expected} type. */
  static void check(String workflowId, String key, String expected, Object payload) {
    if (expected != null && !matches(expected, payload)) {
      throw new EventTypeMismatchException(
          "workflow '"
              + workflowId
              + "' waits for event '"
              + key
              + "' of type "
              + expected
              + ", but "
              + shown(payload)
              + " is a "
              + payload.getClass().getName()
              + "; nothing was sent");
    }
  }

  private static Object constant(Plan plan, int code) {
    if (code >= 0) {
      return null;
    }
    byte[] bytes = plan.values[-code - 1];
    return CheckpointCodec.deserialize(bytes, 0, bytes.length);
  }

  private static String shown(Object payload) {
    String text = String.valueOf(payload);
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }

  private static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
  }
}
