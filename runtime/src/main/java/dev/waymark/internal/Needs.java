package dev.waymark.internal;

import dev.waymark.exceptions.WorkflowNotResumableException;
import dev.waymark.internal.storage.TaskKeys;
import dev.waymark.internal.storage.WorkflowStore;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * What a frame must run, worked out when it starts: walking back from the output, a task whose
 * value is stored is committed (its inputs are not needed), a task whose returned DAG is stored is
 * continuing (that DAG resumes instead), and every other task is needed, with its inputs. Then, per
 * needed task, how many of its inputs are still pending, and which needed tasks depend on each
 * task, so that finishing one makes the next ready without a search.
 */
final class Needs {
  static final byte UNSEEN = 0;
  static final byte NEEDED = 1;
  static final byte COMMITTED = 2;
  static final byte CONTINUING = 3;

  private final Plan plan;
  private final byte[] state;
  private AtomicIntegerArray remaining;

  /** Dependents of task t among the needed tasks: {@code dependents[dependentStart[t] ..]}. */
  private int[] dependentStart;

  private int[] dependents;

  /** How many needed tasks still read each task's output. */
  private AtomicIntegerArray consumers;

  private Needs(Plan plan) {
    this.plan = plan;
    this.state = new byte[plan.taskCount()];
  }

  /**
   * Walks back from {@code frame}'s output; a {@code fresh} frame has nothing stored, so nothing is
   * looked up. Every step that will run, or whose stored value will be read, is checked against the
   * code of this JVM.
   *
   * @throws WorkflowNotResumableException when a step it needs is missing or changed its shape
   */
  static Needs walk(Frame frame, boolean fresh) {
    Plan plan = frame.plan();
    Needs needs = new Needs(plan);
    byte[] state = needs.state;
    Execution run = frame.run();
    WorkflowStore claim = run.claim();
    int[] stack = new int[16];
    int top = 0;
    stack[top++] = plan.output;
    state[plan.output] = NEEDED;
    while (top > 0) {
      int t = stack[--top];
      if (!fresh) {
        long key = frame.key(t);
        if (claim.values().contains(TaskKeys.store(TaskKeys.OUTPUT, key))
            || claim.values().contains(TaskKeys.store(TaskKeys.FINAL, key))) {
          state[t] = COMMITTED;
          RunEvents.stepRestored(frame, t);
          if (run.hooked()) {
            int task = t;
            run.hook(hooks -> hooks.restored(run.workflowId(), frame.name(task)));
          }
          SignatureCheck.checkReadable(claim, run.workflowId(), plan, t); // its output is read
          continue;
        }
        if (claim.values().contains(TaskKeys.store(TaskKeys.CONTINUATION, key))) {
          state[t] = CONTINUING; // its step returned a DAG that is stored: resume that instead
          SignatureCheck.check(claim, run.workflowId(), plan, t, true);
          continue;
        }
      }
      state[t] = NEEDED;
      if (plan.taskStep[t] != Plan.ALL) {
        if (plan.steps[plan.taskStep[t]] == null) {
          throw SignatureCheck.missingStep(run.workflowId(), plan.stepIds[plan.taskStep[t]]);
        }
        SignatureCheck.check(claim, run.workflowId(), plan, t, false); // it runs
      }
      for (int code : plan.taskInputs[t]) {
        if (code >= 0 && state[code] == UNSEEN) {
          state[code] = NEEDED; // provisional: settled when popped
          if (top == stack.length) {
            stack = Arrays.copyOf(stack, top * 2);
          }
          stack[top++] = code;
        }
      }
    }
    return needs;
  }

  boolean outputCommitted() {
    return state[plan.output] == COMMITTED;
  }

  boolean continuing(int t) {
    return state[t] == CONTINUING;
  }

  /**
   * Counts, per needed task, its pending inputs, and lists each task's needed dependents; returns
   * the tasks ready now. The ready set is taken before anything runs: once tasks run, they make
   * others ready themselves, and a task seen ready twice would run twice.
   */
  int[] link() {
    int tasks = state.length;
    remaining = new AtomicIntegerArray(tasks);
    consumers = new AtomicIntegerArray(tasks);
    dependentStart = new int[tasks + 1];
    for (int t = 0; t < tasks; t++) {
      if (state[t] == NEEDED) {
        for (int code : plan.taskInputs[t]) {
          if (code >= 0) {
            dependentStart[code + 1]++;
            consumers.getAndIncrement(code);
            if (state[code] == NEEDED || state[code] == CONTINUING) {
              remaining.getAndIncrement(t);
            }
          }
        }
      }
    }
    for (int t = 0; t < tasks; t++) {
      dependentStart[t + 1] += dependentStart[t];
    }
    dependents = new int[dependentStart[tasks]];
    int[] fill = Arrays.copyOf(dependentStart, tasks);
    int[] ready = new int[16];
    int count = 0;
    for (int t = 0; t < tasks; t++) {
      if (state[t] == NEEDED) {
        for (int code : plan.taskInputs[t]) {
          if (code >= 0) {
            dependents[fill[code]++] = t;
          }
        }
      }
      if ((state[t] == NEEDED || state[t] == CONTINUING) && remaining.get(t) == 0) {
        if (count == ready.length) {
          ready = Arrays.copyOf(ready, count * 2);
        }
        ready[count++] = t;
      }
    }
    return Arrays.copyOf(ready, count);
  }

  /** Where task {@code t}'s needed dependents start, for {@link #dependent}. */
  int dependentsFrom(int t) {
    return dependentStart[t];
  }

  /** Where task {@code t}'s needed dependents end. */
  int dependentsTo(int t) {
    return dependentStart[t + 1];
  }

  int dependent(int i) {
    return dependents[i];
  }

  /** One more input of task {@code d} has its output; true when that was the last one. */
  boolean inputArrived(int d) {
    return remaining.decrementAndGet(d) == 0;
  }

  /**
   * Task {@code t} finished: its inputs have one reader less. Returns the inputs nobody reads any
   * more (so long chains run in constant memory), or none for a resumed continuation, whose inputs
   * were not counted.
   */
  boolean lastReader(int t, int input) {
    return state[t] == NEEDED && consumers.decrementAndGet(input) == 0;
  }
}
