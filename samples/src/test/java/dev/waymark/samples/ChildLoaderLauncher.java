package dev.waymark.samples;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs a program whose classes sit in a class loader of their own, under the one that holds
 * Waymark, as application servers, plugin hosts and development reloaders arrange it. The context
 * class loader is left alone: the runtime must find the program's steps without it.
 *
 * <p>Arguments: the program's class directory, its main class, then the program's arguments.
 */
public final class ChildLoaderLauncher {
  private ChildLoaderLauncher() {}

  public static void main(String[] args) throws Exception {
    URL classes = Path.of(args[0]).toUri().toURL();
    try (URLClassLoader program =
        new URLClassLoader(new URL[] {classes}, ChildLoaderLauncher.class.getClassLoader())) {
      Class<?> main = Class.forName(args[1], true, program);
      if (main.getClassLoader() != program) {
        throw new IllegalStateException(args[1] + " must not be on the parent's class path");
      }
      main.getMethod("main", String[].class)
          .invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
  }
}
