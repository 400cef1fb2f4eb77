package dev.waymark.torture;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The execution log the steps append to: one {@code write} call per line on a file opened in append
 * mode, so lines of concurrent steps never interleave and a killed process leaves whole lines (only
 * the process dies, the page cache survives: no fsync).
 */
public final class EventLog implements AutoCloseable {
  private final FileOutputStream out;

  public EventLog(Path file) throws IOException {
    this.out = new FileOutputStream(file.toFile(), true);
  }

  /** Appends {@code line} and a newline in one write. */
  public synchronized void line(String line) {
    try {
      out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
