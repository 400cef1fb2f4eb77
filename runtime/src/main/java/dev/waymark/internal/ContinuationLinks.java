package dev.waymark.internal;

import dev.waymark.exceptions.CheckpointCorruptedException;
import dev.waymark.internal.storage.Payload;
import dev.waymark.internal.storage.TaskKeys;
import dev.waymark.internal.storage.WorkflowStore;
import java.nio.ByteBuffer;

/**
 * Links from a stored continuation task to the deepest stored continuation on its output path, so
 * that recovery resumes there instead of running every unstored level above it again (Ray links a
 * workflow to its latest stored continuation the same way).
 *
 * <p>A task T whose returned DAG is stored has the same value as the output of that DAG, and so on
 * down while each level's continuation is its DAG's output and catches no exception: the value of a
 * stored continuation K deep down that chain is T's value. When K's DAG is stored, the link T to K
 * is written (overwriting the previous, shallower one). Recovery that finds T's DAG stored reads
 * the link first and resumes K's DAG with T as its parent; the unstored levels between run no more.
 * The link is only a shortcut: a missing or damaged one falls back to walking down from T.
 */
final class ContinuationLinks {
  private ContinuationLinks() {}

  /**
   * The top of the chain a child frame of task {@code p} of {@code frame} belongs to: the key of
   * the topmost stored continuation task whose value that child's output becomes, or -1.
   */
  static long topFor(Frame frame, int p) {
    Plan plan = frame.plan();
    boolean catching = plan.taskOptions[p].catching();
    if (!catching && p == plan.output && frame.linkTop >= 0) {
      return frame.linkTop; // p's value is its frame's output, which is that task's value
    }
    return frame.storesDag(p) ? frame.key(p) : -1;
  }

  /**
   * Task {@code k} of {@code frame} just stored the DAG it returned: link the chain's top to it.
   */
  static void noteStored(Frame frame, int k) {
    Plan plan = frame.plan();
    if (k != plan.output || plan.taskOptions[k].catching() || frame.linkTop < 0) {
      return;
    }
    byte[] link = ByteBuffer.allocate(16).putLong(frame.linkTop).putLong(frame.key(k)).array();
    frame.run().claim().values().write(TaskKeys.link(frame.linkTop), 0, 0, link, 0, link.length);
  }

  /**
   * Resumes continuation task {@code t} of {@code frame}, whose returned DAG is stored: from the
   * deepest stored continuation its link names, or else from its own DAG.
   */
  static void resume(Frame frame, int t) {
    WorkflowStore claim = frame.run().claim();
    long deepest = deepest(claim, frame.key(t));
    if (deepest >= 0) {
      if (Records.hasValue(claim, deepest)) {
        // The deep DAG finished, and the crash came before its value reached this task.
        frame
            .run()
            .submitResolve(
                frame, t, Records.value(claim, deepest), Records.producer(claim, deepest));
        return;
      }
      Payload dag = claim.values().read(TaskKeys.store(TaskKeys.CONTINUATION, deepest));
      if (dag != null) {
        Plan plan = DagCodec.decode(dag);
        frame.descendant(t, deepest, plan, true).start(false);
        return;
      }
    }
    Payload dag = claim.values().read(TaskKeys.store(TaskKeys.CONTINUATION, frame.key(t)));
    Plan plan = DagCodec.decode(dag);
    frame.descendant(t, frame.key(t), plan, frame.storesDag(t)).start(false);
  }

  /**
   * The deepest stored continuation linked from {@code top}, or -1 when there is no usable link.
   */
  private static long deepest(WorkflowStore claim, long top) {
    Payload link;
    try {
      link = claim.values().read(TaskKeys.link(top));
    } catch (CheckpointCorruptedException damaged) {
      return -1; // the walk down from the top finds the same place, only slower
    }
    if (link == null || link.length() != 16) {
      return -1;
    }
    ByteBuffer bytes = ByteBuffer.wrap(link.bytes(), link.offset(), link.length());
    return bytes.getLong() == top ? bytes.getLong() : -1;
  }
}
