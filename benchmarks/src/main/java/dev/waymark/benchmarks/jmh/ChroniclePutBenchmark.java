package dev.waymark.benchmarks.jmh;

import dev.waymark.benchmarks.TempFiles;
import dev.waymark.internal.CheckpointCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The floor of a checkpointed step: 100,000 puts, keys 0, 1, 2, ..., of the bytes Waymark would
 * store for an output ({@code [kind][crc32c][Kryo bytes]}, built once) into a {@code
 * ChronicleMap<Long, byte[]>} persisted to a fresh file, sized for them, as a workflow's map is.
 * The score is per put. No serialization, checksum or engine: only the storage.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ChroniclePutBenchmark extends ChronicleForked {
  public static final int PUTS = 100_000;

  /** {@code int}: a Kryo-serialized Integer; {@code 1024}: a Kryo-serialized 1 KB byte[]. */
  @Param({"int", "1024"})
  public String payload;

  private byte[] value;
  private Path dir;
  private Path file;
  private ChronicleMap<Long, byte[]> map;

  @Setup(Level.Trial)
  public void prepare() throws IOException {
    Object output = payload.equals("int") ? (Object) 42 : filled(Integer.parseInt(payload));
    value = framed(CheckpointCodec.serialize(output));
    dir = Files.createTempDirectory("waymark-floor-");
    TempFiles.deleteOnExit(dir);
  }

  @Setup(Level.Iteration)
  public void createMap() throws IOException {
    file = dir.resolve("floor.cmap");
    map =
        ChronicleMapBuilder.of(Long.class, byte[].class)
            .name("floor")
            .entries(PUTS + PUTS / 4)
            .averageValueSize(value.length)
            .createPersistedTo(file.toFile());
  }

  @Benchmark
  @OperationsPerInvocation(PUTS)
  public ChronicleMap<Long, byte[]> put() {
    for (long key = 0; key < PUTS; key++) {
      map.put(key, value);
    }
    return map;
  }

  @TearDown(Level.Iteration)
  public void deleteMap() throws IOException {
    map.close();
    Files.delete(file);
  }

  @TearDown(Level.Trial)
  public void deleteDir() throws IOException {
    TempFiles.deleteRecursively(dir);
  }

  private static byte[] filled(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    return bytes;
  }

  /** The value layout of Waymark's output maps: kind (1 = inline), CRC-32C, payload. */
  private static byte[] framed(byte[] payload) {
    byte[] framed = new byte[5 + payload.length];
    framed[0] = 1;
    System.arraycopy(payload, 0, framed, 5, payload.length);
    CRC32C crc = new CRC32C();
    crc.update(payload);
    int sum = (int) crc.getValue();
    framed[1] = (byte) (sum >>> 24);
    framed[2] = (byte) (sum >>> 16);
    framed[3] = (byte) (sum >>> 8);
    framed[4] = (byte) sum;
    return framed;
  }
}
