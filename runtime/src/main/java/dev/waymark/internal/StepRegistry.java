package dev.waymark.internal;

import com.esotericsoftware.kryo.Serializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every step this JVM knows, by identity, and every type the steps' signatures let into a
 * checkpoint (the allowlist that {@link CheckpointCodec} registers with Kryo).
 *
 * <p>Modules arrive three ways: a generated module registers itself when its class initializes (so
 * a step the program has touched is always known, whatever class loader holds it); the {@code
 * META-INF/services} files of the runtime's class loader and of the thread's context class loader
 * are read; and a step that is still unknown is looked up by name, as the generated module of its
 * class, through those loaders, the loaders of the classes on the calling stack and the loaders of
 * every module seen so far. Nothing is loaded while a lock is held: a module's class initializer
 * calls {@link #register}. When the same classes are loaded again by another class loader (an
 * application redeployed), the newest registration wins.
 */
public final class StepRegistry {
  private static final StepRegistry INSTANCE = new StepRegistry();

  /** The suffix of a generated module's simple name; the processor writes it the same way. */
  static final String MODULE_SUFFIX = "_WaymarkModule";

  private final Map<String, StepDefinition<?>> steps = new ConcurrentHashMap<>();
  private final Set<Class<?>> modules = ConcurrentHashMap.newKeySet();
  private final Map<ClassLoader, Boolean> scanned =
      Collections.synchronizedMap(new WeakHashMap<>());
  private final Map<ClassLoader, Boolean> loaders =
      Collections.synchronizedMap(new WeakHashMap<>());
  private final Map<Class<?>, TypeEntry> typesByClass = new HashMap<>();

  /** The allowlist in registration order; replaced, never changed, so readers need no lock. */
  private volatile TypeEntry[] types = new TypeEntry[0];

  private volatile boolean started;

  /**
   * One allowed type: its serializer (null for Kryo's default), its shape, and, when two modules
   * registered it with different shapes, what to say when it is used.
   */
  record TypeEntry(Class<?> type, Serializer<?> serializer, String shape, String conflict) {}

  private StepRegistry() {}

  /** The registry, with the built-in types and the modules of the runtime's class loader. */
  static StepRegistry get() {
    StepRegistry registry = INSTANCE;
    if (!registry.started) {
      registry.start();
    }
    return registry;
  }

  private void start() {
    synchronized (this) {
      if (started) {
        return;
      }
      List<TypeEntry> builtIn = new ArrayList<>();
      BuiltInTypes.registerAll(collector(builtIn));
      for (StepDefinition<?> step : BuiltInSteps.all()) {
        steps.put(step.id(), step);
      }
      publish(builtIn, "the runtime");
      started = true;
    }
    scan(StepRegistry.class.getClassLoader());
  }

  /**
   * Registers a module's steps and types. Generated modules call this from their class initializer;
   * calling it again for the same module class changes nothing.
   */
  public static void register(StepModule module) {
    get().add(module);
  }

  private void add(StepModule module) {
    if (!modules.add(module.getClass())) {
      return;
    }
    ClassLoader loader = module.getClass().getClassLoader();
    if (loader != null) {
      loaders.put(loader, Boolean.TRUE);
    }
    List<TypeEntry> found = new ArrayList<>();
    module.registerTypes(collector(found));
    List<StepDefinition<?>> declared = module.steps();
    synchronized (this) {
      // Identities embed the step class's binary name, unique in a class loader: an identity met
      // again comes from another loader (an application redeployed in a new one), which wins.
      for (StepDefinition<?> step : declared) {
        steps.put(step.id(), step);
      }
      publish(found, module.getClass().getName());
    }
  }

  /** Adds types under the lock; a type registered again with another shape is marked. */
  private void publish(List<TypeEntry> found, String source) {
    List<TypeEntry> all = new ArrayList<>(Arrays.asList(types));
    boolean changed = false;
    for (TypeEntry entry : found) {
      TypeEntry known = typesByClass.get(entry.type());
      if (known == null) {
        TypeEntry added =
            new TypeEntry(entry.type(), entry.serializer(), entry.shape(), entry.conflict());
        typesByClass.put(entry.type(), added);
        all.add(added);
        changed = true;
      } else if (!known.shape().equals(entry.shape()) && known.conflict() == null) {
        TypeEntry marked =
            new TypeEntry(
                known.type(),
                known.serializer(),
                known.shape(),
                "type "
                    + known.type().getName()
                    + " is registered with two different shapes, "
                    + ShapeText.brief(known.shape())
                    + " and, by "
                    + source
                    + ", "
                    + ShapeText.brief(entry.shape())
                    + ": the classes were compiled against different versions of it; rebuild"
                    + " the project");
        typesByClass.put(known.type(), marked);
        all.set(all.indexOf(known), marked);
        changed = true;
      }
    }
    if (changed) {
      types = all.toArray(new TypeEntry[0]);
    }
  }

  private static TypeRegistrar collector(List<TypeEntry> into) {
    return new TypeRegistrar() {
      @Override
      public <T> void register(Class<T> type, Serializer<T> serializer, String shape) {
        add(type, serializer, shape);
      }

      @Override
      public void register(Class<?> type) {
        add(type, null, "");
      }

      private void add(Class<?> type, Serializer<?> serializer, String shape) {
        if (!type.isPrimitive()) {
          into.add(new TypeEntry(type, serializer, shape, null));
        }
      }
    };
  }

  /** The allowed types, in registration order (built-in first). */
  TypeEntry[] types() {
    return types;
  }

  /** Whether values of {@code type} can be stored: it, or a subtype of it, is allowed. */
  boolean isStorable(Class<?> type) {
    if (type == Object.class) {
      return true;
    }
    for (TypeEntry entry : types) {
      if (type.isAssignableFrom(entry.type())) {
        return true;
      }
    }
    return false;
  }

  /** The allowed type, or JDK type, of this name; null when this JVM knows none. */
  Class<?> typeNamed(String name) {
    TypeEntry[] all = types;
    for (int i = all.length - 1; i >= 0; i--) {
      if (all[i].type().getName().equals(name)) {
        return all[i].type();
      }
    }
    try {
      Class<?> type = Class.forName(name, false, StepRegistry.class.getClassLoader());
      return isStorable(type) ? type : null;
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  /**
   * The step with this identity, looking for it in class loaders not searched yet when it is
   * unknown; null when no module anywhere declares it.
   */
  StepDefinition<?> step(String id) {
    StepDefinition<?> step = steps.get(id);
    if (step != null) {
      return step;
    }
    for (ClassLoader loader : candidateLoaders()) {
      loadModuleOf(id, loader);
      step = steps.get(id);
      if (step != null) {
        return step;
      }
    }
    for (ClassLoader loader : candidateLoaders()) {
      scan(loader);
    }
    return steps.get(id);
  }

  /** The identities of the other versions of the step {@code id} names, sorted. */
  List<String> otherVersions(String id) {
    String base = StepDefinition.unversioned(id);
    List<String> others = new ArrayList<>();
    for (String known : steps.keySet()) {
      if (!known.equals(id) && StepDefinition.unversioned(known).equals(base)) {
        others.add(known);
      }
    }
    others.sort(null);
    return others;
  }

  /**
   * Where a missing step's module may be: the thread's context class loader, the loaders of the
   * classes on the calling stack (the program that asks for the step, in whatever loader holds it),
   * the runtime's own, and those of the modules registered so far.
   */
  private List<ClassLoader> candidateLoaders() {
    Set<ClassLoader> candidates = new LinkedHashSet<>();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null) {
      candidates.add(context);
    }
    StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .forEach(
            frame -> {
              ClassLoader loader = frame.getDeclaringClass().getClassLoader();
              if (loader != null) {
                candidates.add(loader);
              }
            });
    ClassLoader own = StepRegistry.class.getClassLoader();
    if (own != null) {
      candidates.add(own);
    }
    synchronized (loaders) {
      candidates.addAll(loaders.keySet());
    }
    return new ArrayList<>(candidates);
  }

  /** Loads the module generated for the class of step {@code id}; it registers itself. */
  private static void loadModuleOf(String id, ClassLoader loader) {
    int hash = id.indexOf('#');
    if (hash <= 0) {
      return;
    }
    String stepClass = id.substring(0, hash);
    int dot = stepClass.lastIndexOf('.');
    String module =
        stepClass.substring(0, dot + 1)
            + stepClass.substring(dot + 1).replace('$', '_')
            + MODULE_SUFFIX;
    try {
      Class<?> type = Class.forName(module, true, loader);
      if (StepModule.class.isAssignableFrom(type)) {
        register((StepModule) type.getConstructor().newInstance());
      }
    } catch (ReflectiveOperationException | LinkageError e) {
      // not generated under that name in this loader: the service files may still list it
    }
  }

  /** Reads the service files of {@code loader} once; a stale entry is skipped, not fatal. */
  private void scan(ClassLoader loader) {
    if (scanned.putIfAbsent(loader, Boolean.TRUE) != null) {
      return;
    }
    var iterator = ServiceLoader.load(StepModule.class, loader).iterator();
    // The iterator moves past an entry it could not load; the bound only guards against a loader
    // that fails on every call.
    for (int errors = 0; errors < 10_000; ) {
      StepModule module;
      try {
        if (!iterator.hasNext()) {
          return;
        }
        module = iterator.next();
      } catch (ServiceConfigurationError stale) {
        errors++; // a class an earlier compilation generated, deleted since: the next entry
        continue;
      }
      add(module);
    }
  }
}
