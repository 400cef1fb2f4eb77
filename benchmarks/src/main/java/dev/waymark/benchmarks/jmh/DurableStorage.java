package dev.waymark.benchmarks.jmh;

import dev.waymark.Durability;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** {@link WaymarkStorage} with {@link Durability#POWER_LOSS}: every commit forced to the device. */
@State(Scope.Thread)
public class DurableStorage extends WaymarkStorage {
  @Override
  protected Durability durability() {
    return Durability.POWER_LOSS;
  }
}
