package dev.waymark.benchmarks.peers;

import static dev.waymark.benchmarks.report.FigureIds.*;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.config.DBOSConfig;
import dev.waymark.benchmarks.Profile;
import dev.waymark.benchmarks.SampleFile;
import dev.waymark.benchmarks.steps.Pipeline;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.function.IntSupplier;

/**
 * DBOS Transact for Java on a local PostgreSQL, defaults otherwise, in a JVM of its own. One DBOS
 * instance serves every run; each run is a new workflow (a new id) and is timed from the call to
 * its result. Writes ns per step to the sample file.
 *
 * <p>Arguments: sample file, profile name, JDBC URL, user.
 */
public final class DbosPeer {
  private DbosPeer() {}

  public static void main(String[] args) throws Exception {
    SampleFile out = new SampleFile(Path.of(args[0]));
    Profile.PeerReps reps = Profile.valueOf(args[1]).dbos;
    String url = args[2];
    String user = args[3];
    DBOSConfig config =
        DBOSConfig.defaults("waymark-bench")
            .withDatabaseUrl(url)
            .withDbUser(user)
            .withDbPassword("unused-trust-auth"); // defaults: no admin server, no conductor
    try (DBOS dbos = new DBOS(config)) {
      DbosWorkflows workflows =
          dbos.registerProxy(DbosWorkflows.class, new DbosWorkflowsImpl(dbos));
      dbos.launch();
      out.info("postgres.version", serverVersion(url, user));
      for (int i = 0; i < 3; i++) {
        check(1_000, workflows.chain(1_000));
      }
      for (int i = 0; i < 30; i++) {
        check(285, workflows.pipeline(Pipeline.INPUT));
      }
      measure(out, DBOS_PIPELINE, 3, reps.pipeline(), () -> workflows.pipeline(Pipeline.INPUT));
      measure(out, DBOS_1K, 1_000, reps.chain1k(), () -> workflows.chain(1_000));
      measure(out, DBOS_10K, 10_000, reps.chain10k(), () -> workflows.chain(10_000));
    }
    System.exit(0);
  }

  private static void measure(SampleFile out, String id, int steps, int runs, IntSupplier run)
      throws Exception {
    int expected = steps == 3 ? 285 : steps;
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      int result = run.getAsInt();
      long elapsed = System.nanoTime() - start;
      check(expected, result);
      out.sample(id, (double) elapsed / steps);
    }
    System.out.printf("dbos %s: %d runs done%n", id, runs);
  }

  private static void check(int expected, int actual) {
    if (expected != actual) {
      throw new IllegalStateException("expected " + expected + ", got " + actual);
    }
  }

  private static String serverVersion(String url, String user) {
    try (Connection connection = DriverManager.getConnection(url, user, "unused-trust-auth");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW server_version")) {
      rows.next();
      return "PostgreSQL " + rows.getString(1).split(" ")[0];
    } catch (Exception e) {
      return "PostgreSQL (version unknown)";
    }
  }
}
