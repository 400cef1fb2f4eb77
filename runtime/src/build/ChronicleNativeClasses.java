import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Build step of the runtime module (run by Maven in process-classes, with the module's class path):
 * compiles the classes Chronicle Map would otherwise generate and compile with javac when the
 * first map of a JVM is created, into the module's classes. Chronicle looks for them on the class
 * path first, so every JVM skips about a second of run-time compilation. The source comes from
 * Chronicle's own generator, so it always matches the Chronicle version being built against.
 *
 * <p>Arguments: the directory for the generated sources, the classes directory, the class path.
 */
public final class ChronicleNativeClasses {
  private static final List<String> VALUE_TYPES =
      List.of("net.openhft.chronicle.hash.VanillaGlobalMutableState");

  private ChronicleNativeClasses() {}

  public static void main(String[] args) throws Exception {
    Path sources = Path.of(args[0]);
    Path classes = Path.of(args[1]);
    String classPath = args[2];
    Class<?> model = Class.forName("net.openhft.chronicle.values.ValueModel");
    Method acquire = model.getMethod("acquire", Class.class);
    Method simpleName = model.getDeclaredMethod("simpleName");
    simpleName.setAccessible(true);
    Method generate =
        Class.forName("net.openhft.chronicle.values.Generators")
            .getDeclaredMethod("generateNativeClass", model, String.class);
    generate.setAccessible(true);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    for (String name : VALUE_TYPES) {
      Class<?> type = Class.forName(name);
      Object valueModel = acquire.invoke(null, type);
      String className = simpleName.invoke(valueModel) + "$$Native";
      String source = (String) generate.invoke(null, valueModel, className);
      Path file =
          sources.resolve(type.getPackageName().replace('.', '/')).resolve(className + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source);
      int status =
          javac.run(
              null,
              null,
              null,
              "--release",
              "17",
              "-nowarn",
              "-cp",
              classPath,
              "-d",
              classes.toString(),
              file.toString());
      if (status != 0) {
        throw new IllegalStateException("javac failed on " + file);
      }
      System.out.println("[chronicle] precompiled " + type.getPackageName() + "." + className);
    }
  }
}
