package dev.waymark.cli;

import dev.waymark.Waymark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The commands that change a workflow: cancel, resume, delete. */
final class ChangeCommands {
  private ChangeCommands() {}

  /** What every changing command shares: the storage, and the workflow it names. */
  abstract static class Change extends WaymarkCli.OnStorage {
    @Parameters(paramLabel = "ID", description = "The workflow id.")
    String id;

    @Override
    final Object result(Waymark waymark) {
      return change(waymark);
    }

    /** Makes the change; returns what to print. */
    abstract String change(Waymark waymark);
  }

  @Command(
      name = "cancel",
      description = "Cancels a workflow, also one another process runs; it ends CANCELED.")
  static final class CancelCommand extends Change {
    @Override
    String change(Waymark waymark) {
      waymark.cancel(id);
      return id + " " + waymark.getStatus(id);
    }
  }

  @Command(
      name = "resume",
      description =
          "Resumes a RESUMABLE or FAILED workflow in this process, from its last commits, and"
              + " prints its output; its steps must be on --class-path.")
  static final class ResumeCommand extends Change {
    @Override
    String change(Waymark waymark) {
      Object output = waymark.resume(id);
      return id + " " + waymark.getStatus(id) + " " + output;
    }
  }

  @Command(
      name = "delete",
      description = "Deletes a workflow that is not running, freeing its space.")
  static final class DeleteCommand extends Change {
    @Override
    String change(Waymark waymark) {
      waymark.delete(id);
      return id + " deleted";
    }
  }
}
