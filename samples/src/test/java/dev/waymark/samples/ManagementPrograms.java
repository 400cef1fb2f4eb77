package dev.waymark.samples;

import dev.waymark.Waymark;
import java.nio.file.Path;

/** Child programs: the training sample and the approval sample, on a given storage. */
public final class ManagementPrograms {
  private ManagementPrograms() {}

  /** Arguments: storage, then {@code train} or {@code approval}. Prints {@code result=...}. */
  public static void main(String[] args) {
    try (Waymark waymark = Waymark.open(Path.of(args[0]))) {
      Object result =
          args[1].equals("train")
              ? waymark.run(TrainingSteps.train(100), "training")
              : waymark.run(Approval.publishWhenApproved("report.pdf"), "approval");
      System.out.println("result=" + result);
    }
  }
}
