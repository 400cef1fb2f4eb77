package lay;

import dev.waymark.annotations.Step;

/** Steps of one class, with a record type only this class's module registers. */
public final class Parts {
  public record Part(String name, int count) {}

  @Step
  static Part part(String name) {
    return new Part(name, 3);
  }
}
