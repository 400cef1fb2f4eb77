package evo;

import dev.waymark.Waymark;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Resumes the workflows named on the command line and prints what each one gave. */
final class Resume {
  private Resume() {}

  static void all(Waymark waymark, String[] args) {
    for (int i = 2; i < args.length; i++) {
      String id = args[i];
      try {
        Object out =
            id.equals("finished")
                ? waymark.getOutput(id)
                : waymark.resumeAsync(id).get(60, TimeUnit.SECONDS);
        System.out.println("RESULT " + id + " " + out);
      } catch (ExecutionException e) {
        print(id, e.getCause());
      } catch (Exception e) {
        print(id, e);
      }
      System.out.println("STATUS " + id + " " + waymark.getStatus(id));
    }
  }

  private static void print(String id, Throwable e) {
    System.out.println(
        "REFUSED " + id + " " + e.getClass().getSimpleName() + " " + e.getMessage().replace('\n', ' '));
  }
}
