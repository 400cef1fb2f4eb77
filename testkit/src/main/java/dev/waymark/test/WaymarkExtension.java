package dev.waymark.test;

import dev.waymark.Waymark;
import dev.waymark.internal.storage.JvmFlags;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5: each test gets a {@link TestWaymark}, a runtime on a temporary storage of its own with a
 * {@link TestClock}, closed and deleted after the test. A test method (or a {@code @BeforeEach}
 * method) takes it, its {@code Waymark} or its {@code TestClock} as a parameter.
 *
 * <pre>{@code
 * @ExtendWith(WaymarkExtension.class)
 * class OrderTest {
 *   @Test
 *   void shipsAfterPayment(TestWaymark kit) { ... }
 * }
 * }</pre>
 *
 * With settings for the runtime, register it in a field instead:
 *
 * <pre>{@code
 * @RegisterExtension
 * static WaymarkExtension waymark = new WaymarkExtension().settings(b -> b.parallelism(2));
 * }</pre>
 *
 * Before each test it checks that the JVM has the flags Waymark's storage needs, and names exactly
 * what to add to Surefire's {@code argLine} when it has not.
 */
public final class WaymarkExtension
    implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(WaymarkExtension.class);

  private Consumer<Waymark.Builder> settings = builder -> {};

  /** The settings each test's runtime gets on its builder, after its storage and clock. */
  public WaymarkExtension settings(Consumer<Waymark.Builder> settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    checkJvmFlags();
    context.getStore(NAMESPACE).put(TestWaymark.class, TestWaymark.onTemporaryStorage(settings));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestWaymark kit = context.getStore(NAMESPACE).remove(TestWaymark.class, TestWaymark.class);
    if (kit != null) {
      kit.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == TestWaymark.class || type == Waymark.class || type == TestClock.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    TestWaymark kit = context.getStore(NAMESPACE).get(TestWaymark.class, TestWaymark.class);
    if (kit == null) {
      throw new ExtensionConfigurationException(
          "a Waymark runtime is given to test methods and @BeforeEach methods only");
    }
    Class<?> type = parameter.getParameter().getType();
    return type == Waymark.class ? kit.waymark() : type == TestClock.class ? kit.clock() : kit;
  }

  /** Fails with what to add to Surefire's argLine when the JVM lacks flags the storage needs. */
  static void checkJvmFlags() {
    List<String> missing = JvmFlags.missing();
    if (!missing.isEmpty()) {
      throw new ExtensionConfigurationException(
          "Waymark's storage (Chronicle Map) needs JVM flags this test JVM lacks: "
              + String.join(" ", missing)
              + ". Give the tests all of them, in the pom:\n"
              + "<plugin>\n"
              + "  <artifactId>maven-surefire-plugin</artifactId>\n"
              + "  <configuration>\n"
              + "    <argLine>"
              + String.join(" ", JvmFlags.forThisJdk())
              + "</argLine>\n"
              + "  </configuration>\n"
              + "</plugin>");
    }
  }
}
