package dev.waymark.internal;

import dev.waymark.Result;
import dev.waymark.exceptions.StepCrashedException;
import dev.waymark.internal.storage.ClusteredStorage;
import dev.waymark.internal.storage.Failures;

/**
 * One attempt of one task: reads its inputs, runs its step (the user's code, or a built-in step),
 * finishes the state the step saved, and says what became of it as an {@link Outcome}, which the
 * frame then settles. Nothing here stores the task's output or touches its dependents.
 *
 * <p>The attempt is noted in the in-flight journal before the step's code runs, so an attempt cut
 * short by the death of the process counts as a failed one on resume; attempts beyond the task's
 * retries that died that way fail it with a {@link StepCrashedException}.
 */
final class Attempt {
  private final Frame frame;
  private final int t;
  private final Execution run;
  private final TaskOptions options;

  private Attempt(Frame frame, int t) {
    this.frame = frame;
    this.t = t;
    this.run = frame.run();
    this.options = frame.plan().taskOptions[t];
  }

  /** Runs an attempt of task {@code t} of {@code frame}, journaled in {@code slot}. */
  static Outcome run(Frame frame, int t, int slot) {
    return new Attempt(frame, t).run(slot);
  }

  private Outcome run(int slot) {
    Object[] args = frame.arguments(t);
    BuiltInStep builtIn = frame.builtIn(t);
    Object out = null;
    Runnable acknowledge = null;
    boolean known = false;
    if (builtIn != null) {
      out = builtIn.attempt(frame, t, args);
      if (out == BuiltInStep.WAITING) {
        return Outcome.Later.WAITING;
      }
      Object output = out;
      acknowledge = () -> builtIn.stored(frame, args, output);
      known = true;
    }
    Failures before = run.failedAttempts(frame.key(t));
    int attempt = before.attempts() + 1;
    long start = run.services().clock().millis();
    Throwable error = null;
    StateCheckpointer<?> state = null;
    if (attempt > options.maxRetries() + 1) {
      error = crashed(attempt - 1);
    } else if (!known) {
      if (run.isStopping()) {
        return Outcome.Later.STOPPED;
      }
      run.claim().attempts().mark(slot, frame.key(t), attempt);
      RunEvents.stepStarted(frame, t, attempt);
      if (run.hooked()) {
        int number = attempt;
        run.hook(hooks -> hooks.attemptStarting(run.workflowId(), frame.name(t), number));
      }
      CurrentTask current = CurrentTask.enter(run, frame, t, attempt);
      try {
        run.leaveStorage(); // the step's own code, which a graceful stop may abandon
        try {
          StepLending lending = run.services().lending();
          out = lending == null ? frame.invoke(t, args) : lending.invoke(frame, t, args, attempt);
        } catch (Throwable e) {
          error = e;
        }
        if (!run.returnToStorage()) {
          return Outcome.Later.ABANDONED;
        }
        if (error instanceof StepLending.NotStarted) {
          return Outcome.Later.STOPPED; // it waited for a slot until the runtime stopped
        }
        state = current.checkpointer();
        if (state != null) {
          // Everything saved is written before the output is stored; a failing attempt's saves
          // too, for the next attempt, keeping the step's own exception as the failure.
          flush(state, error);
        }
        if (error == null && out instanceof Node<?> node) {
          if (!(node instanceof ValueNode<?> constant)) {
            if (state != null) {
              state.discard();
            }
            return new Outcome.Continuation(node, start);
          }
          out = CheckpointCodec.deserialize(constant.bytes, 0, constant.bytes.length);
        }
      } catch (Throwable e) {
        error = e; // the step's DAG or its saved state could not be recorded
      } finally {
        current.exit();
      }
    }
    if (error instanceof ClusteredStorage.MemberLeft lost) {
      // Lost with the member that ran it: as an attempt lost with the driver's own process.
      int crashes = before.crashes() + 1;
      if (attempt <= options.maxRetries()) {
        return new Outcome.Retry(attempt, options.backoff().delayMillis(attempt), lost, true);
      }
      error =
          new StepCrashedException(
              "task '"
                  + frame.name(t)
                  + "' was running on a member of the cluster that left: its "
                  + (options.maxRetries() + 1)
                  + " attempt(s) are spent");
      error.initCause(lost);
      if (!options.catching()) {
        return new Outcome.Failed(error, attempt, attempts(attempt, crashes, lost));
      }
    }
    if (error != null) {
      if (options.retryExceptions()
          && attempt <= options.maxRetries()
          && !(error instanceof StepCrashedException)) {
        return new Outcome.Retry(attempt, options.backoff().delayMillis(attempt), error, false);
      }
      if (!options.catching()) {
        return new Outcome.Failed(error, attempt, attempts(attempt, before.crashes(), error));
      }
      out = Result.failure(error);
    } else if (options.catching()) {
      out = Result.success(out);
    }
    return new Outcome.Value(out, attempt, start, state, acknowledge);
  }

  /**
   * How the task spent its attempts, for the failure's message: "attempt 4 of 4, 1 lost to a
   * process crash", or "all 3 attempts lost to process crashes".
   */
  private String attempts(int attempt, int crashes, Throwable error) {
    int allowed = options.maxRetries() + 1;
    if (error instanceof StepCrashedException) {
      int used = attempt - 1;
      if (used != crashes) {
        return used + " of " + allowed + " attempts used, " + lost(crashes);
      }
      return used == 1
          ? "its one attempt lost to a process crash"
          : "all " + used + " attempts lost to process crashes";
    }
    String text = "attempt " + attempt + " of " + allowed;
    if (crashes > 0) {
      text += ", " + lost(crashes);
    }
    if (!options.retryExceptions() && attempt < allowed) {
      text += "; exceptions are retried only with retryExceptions";
    }
    return text;
  }

  private static String lost(int crashes) {
    return crashes == 1 ? "1 lost to a process crash" : crashes + " lost to process crashes";
  }

  private StepCrashedException crashed(int died) {
    return new StepCrashedException(
        "task '"
            + frame.name(t)
            + "' was running when its process died, "
            + died
            + " time(s): its "
            + (options.maxRetries() + 1)
            + " attempt(s) are spent");
  }

  /**
   * Writes what the attempt saved; a failure to do so is the attempt's, unless it failed anyway.
   */
  private static void flush(StateCheckpointer<?> state, Throwable stepFailure) {
    if (stepFailure == null) {
      state.flush();
      return;
    }
    try {
      state.flush();
    } catch (RuntimeException e) {
      stepFailure.addSuppressed(e);
    }
  }
}
