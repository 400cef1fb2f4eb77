package dev.waymark.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.waymark.ClusterOptions;
import dev.waymark.Waymark;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The {@code waymark} command: reads and manages the workflows of a storage, also while another
 * process runs workflows on it. Read commands change nothing; {@code cancel}, {@code resume} and
 * {@code delete} change what they name.
 */
@Command(
    name = "waymark",
    mixinStandardHelpOptions = true,
    version = "waymark 0.1.0",
    description = "Lists, shows, draws and manages the workflows of a Waymark storage.",
    subcommands = {
      ReadCommands.ListCommand.class,
      ReadCommands.ShowCommand.class,
      ReadCommands.OutputCommand.class,
      ReadCommands.DagCommand.class,
      ChangeCommands.CancelCommand.class,
      ChangeCommands.ResumeCommand.class,
      ChangeCommands.DeleteCommand.class,
      ServeCommand.class,
      WatchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class WaymarkCli {
  @Option(
      names = "--storage",
      paramLabel = "DIR",
      description = "The storage directory (default: ${DEFAULT-VALUE}).")
  Path storage = Waymark.defaultStorage();

  @Option(
      names = "--class-path",
      paramLabel = "PATH",
      split = "${sys:path.separator}",
      description =
          "Jars or class directories with your steps and their types: needed to read outputs of"
              + " your own types and to resume.")
  List<Path> classPath = new ArrayList<>();

  @Option(
      names = "--cluster",
      paramLabel = "NAME",
      description =
          "Join the cluster NAME as an observer (it holds no records and drives no workflow) and"
              + " act on the whole cluster's workflows; needs waymark-cluster's members in"
              + " --members. --storage is not used then.")
  String cluster;

  @Option(
      names = "--members",
      paramLabel = "HOST:PORT",
      split = ",",
      description = "Addresses of the cluster's members, comma-separated (with --cluster).")
  List<String> members = new ArrayList<>();

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      description =
          "Where this observer listens, reachable by the members (with --cluster; default:"
              + " ${DEFAULT-VALUE}; the next ports are tried when it is taken).")
  String listen = "127.0.0.1:5799";

  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line, with errors printed as one line each: "waymark: ...". */
  static CommandLine commandLine() {
    CommandLine line = new CommandLine(new WaymarkCli());
    line.setExecutionExceptionHandler(
        (error, command, parsed) -> {
          PrintWriter err = command.getErr();
          err.println("waymark: " + (error.getMessage() == null ? error : error.getMessage()));
          err.flush();
          return 1;
        });
    return line;
  }

  /** Opens the storage; what {@code --class-path} names becomes the context class loader. */
  Waymark open() {
    return open(builder -> {});
  }

  /** Like {@link #open()}, with more settings for the runtime. */
  Waymark open(java.util.function.Consumer<Waymark.Builder> settings) {
    if (cluster == null && !Files.isDirectory(storage)) {
      throw new IllegalArgumentException("no storage at " + storage);
    }
    if (!classPath.isEmpty()) {
      List<URL> urls = new ArrayList<>();
      for (Path entry : classPath) {
        try {
          urls.add(entry.toUri().toURL());
        } catch (MalformedURLException e) {
          throw new IllegalArgumentException("not a class path entry: " + entry, e);
        }
      }
      Thread.currentThread()
          .setContextClassLoader(
              new URLClassLoader(urls.toArray(new URL[0]), WaymarkCli.class.getClassLoader()));
    }
    Waymark.Builder builder = Waymark.builder().storage(storage).parallelism(2);
    if (cluster != null) {
      builder.storage(observerStorage()).cluster(observer());
    }
    settings.accept(builder);
    return builder.build();
  }

  /** The options of this command's member of {@code --cluster}: an observer. */
  private ClusterOptions observer() {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("--cluster needs the members' addresses in --members");
    }
    int colon = listen.lastIndexOf(':');
    if (colon < 1) {
      throw new IllegalArgumentException("--listen needs HOST:PORT, got " + listen);
    }
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--listen needs HOST:PORT, got " + listen, e);
    }
    return new ClusterOptions(cluster, listen.substring(0, colon), port, members, 1, 1)
        .asObserver();
  }

  /** An observer's own storage holds nothing of the cluster's: a new one, deleted at exit. */
  private static Path observerStorage() {
    try {
      Path dir = Files.createTempDirectory("waymark-observer-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      return dir;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot make a temporary storage: " + e, e);
    }
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // left for the system's temporary files cleaner
    }
  }

  /** A command on the storage: opens it, prints what the command returns, closes it. */
  abstract static class OnStorage implements Callable<Integer> {
    @ParentCommand WaymarkCli cli;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (Waymark waymark = cli.open()) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(result(waymark));
        out.flush();
      }
      return 0;
    }

    /** What to print. */
    abstract Object result(Waymark waymark);
  }

  /** {@code value} as indented JSON. */
  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
