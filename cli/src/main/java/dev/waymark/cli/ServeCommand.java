package dev.waymark.cli;

import dev.waymark.Waymark;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code waymark serve}: the status page of a storage, until the process is stopped. */
@Command(
    name = "serve",
    description =
        "Serves the storage's status page on 127.0.0.1 until stopped (Ctrl-C): workflows by"
            + " status, and a page per workflow with its DAG. Read-only unless --allow-changes.")
final class ServeCommand implements Callable<Integer> {
  @ParentCommand WaymarkCli cli;
  @Spec CommandSpec spec;

  @Option(names = "--port", description = "The port (0: any free one; default: ${DEFAULT-VALUE}).")
  int port = 8080;

  @Option(names = "--allow-changes", description = "Add cancel and resume buttons.")
  boolean allowChanges;

  @Override
  public Integer call() throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Waymark waymark = cli.open(builder -> builder.statusPage(port, allowChanges));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  waymark.close();
                  stopped.countDown();
                },
                "waymark-serve-stop"));
    PrintWriter out = spec.commandLine().getOut();
    out.println("serving " + waymark.statusPage() + " (Ctrl-C stops)");
    out.flush();
    stopped.await();
    return 0;
  }
}
