package dev.waymark.internal;

import dev.waymark.StepOptions;
import dev.waymark.Workflow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * One {@code @Step} method as the runtime sees it: a stable identity recorded in stored workflows,
 * the name its tasks get, the shape of what it stores, and the generated invoker that calls it.
 * Generated code creates one per step method, through {@link #step}:
 *
 * <pre>{@code
 * static final StepDefinition<List<Integer>> READ_DATA =
 *     StepDefinition.<List<Integer>>step("com.example.Pipeline", "readData")
 *         .inputs(1)
 *         .shape("in int\nout java.util.List<java.lang.Integer>")
 *         .invoker(args -> Pipeline.readData((Integer) args[0]));
 * }</pre>
 *
 * @param <T> what the step's tasks produce
 */
public final class StepDefinition<T> {
  private final String id;
  private final String taskName;
  private final int version;
  private final int arity;
  private final String shape;
  private final long shapeHash;
  private final StepInvoker invoker;
  private final StepOptions options;
  private final boolean catching;

  /** Whether the step may run on another member of a cluster; see {@link #lendable()}. */
  private final boolean lendable;

  /** What the runtime does instead of calling an invoker, for its own steps; else null. */
  private final BuiltInStep builtIn;

  /** Per input, its type when primitive (which no null may feed), else null; from the shape. */
  private final String[] primitiveInputs;

  private static final java.util.Set<String> PRIMITIVES =
      java.util.Set.of("boolean", "byte", "short", "int", "long", "char", "float", "double");

  private StepDefinition(Builder<T> builder, StepInvoker invoker, BuiltInStep builtIn) {
    this.id = idOf(builder.stepClass, builder.name, builder.version);
    this.taskName = builder.name;
    this.version = builder.version;
    this.arity = builder.arity;
    this.shape = builder.shape;
    this.shapeHash = hash(builder.shape);
    this.invoker = Objects.requireNonNull(invoker, "invoker");
    this.options = builder.options;
    this.catching = builder.catching;
    this.builtIn = builtIn;
    this.lendable =
        builtIn == null
            && !builder.continuation
            && java.util.Arrays.stream(builder.shape.split("\n"))
                .noneMatch(line -> line.startsWith("state "));
    this.primitiveInputs =
        java.util.Arrays.stream(builder.shape.split("\n"))
            .filter(line -> line.startsWith("in "))
            .map(line -> line.substring(3))
            .map(type -> PRIMITIVES.contains(type) ? type : null)
            .toArray(String[]::new);
  }

  /**
   * Starts the definition of step {@code name} of the class whose binary name is {@code stepClass}.
   */
  public static <T> Builder<T> step(String stepClass, String name) {
    return new Builder<>(stepClass, name);
  }

  /**
   * The identity of a step: {@code class#name}, and {@code class#name@version} from version 2 on,
   * so that version 1 keeps the identity a step had before it was given versions.
   */
  static String idOf(String stepClass, String name, int version) {
    return stepClass + "#" + name + (version == 1 ? "" : "@" + version);
  }

  /** The identity without its version: {@code class#name}. */
  static String unversioned(String id) {
    int at = id.lastIndexOf('@');
    return at > id.lastIndexOf('#') ? id.substring(0, at) : id;
  }

  /** The version of the step an identity names. */
  static int versionOf(String id) {
    int at = id.lastIndexOf('@');
    if (at <= id.lastIndexOf('#')) {
      return 1;
    }
    try {
      return Integer.parseInt(id.substring(at + 1));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /**
   * Whether the step may run on another member of a cluster: a user's step that returns a value,
   * not a workflow, and saves no state with a {@code Checkpointer}.
   */
  boolean lendable() {
    return lendable;
  }

  /** Builds a task of this step over {@code inputs}, one per parameter; runs nothing. */
  public Workflow<T> call(Workflow<?>... inputs) {
    if (inputs.length != arity) {
      throw new IllegalArgumentException(
          "step " + id + " takes " + arity + " inputs, got " + inputs.length);
    }
    Node<?>[] nodes = new Node<?>[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      nodes[i] = Node.of(inputs[i]);
      if (nodes[i] instanceof ValueNode<?> constant
          && constant.isNull
          && i < primitiveInputs.length
          && primitiveInputs[i] != null) {
        throw new IllegalArgumentException(
            "input "
                + (i + 1)
                + " of step "
                + id
                + " is a "
                + primitiveInputs[i]
                + ", which cannot be null; pass a value, or change the parameter to its box");
      }
    }
    return new StepNode<>(this, nodes, TaskOptions.NONE, catching);
  }

  public String id() {
    return id;
  }

  /** The base name of the step's tasks: the step's name. */
  public String taskName() {
    return taskName;
  }

  /** The step's version, 1 unless the step declares another. */
  public int version() {
    return version;
  }

  public int arity() {
    return arity;
  }

  /**
   * What the step stores and reads, one item a line: its inputs' types in order, its state type,
   * its result type, and the record and enum types they reach. Its body is not part of it.
   */
  public String shape() {
    return shape;
  }

  /** A hash of {@link #shape()}, recorded with every workflow that uses the step. */
  public long shapeHash() {
    return shapeHash;
  }

  /** The options of the step's annotation. */
  public StepOptions options() {
    return options;
  }

  /** The task options of a call without options of its own, not catching and catching. */
  private final TaskOptions[] resolved = new TaskOptions[2];

  /**
   * The options of a task calling this step with no options of its own: resolved once, so that
   * every such task shares one instance.
   */
  TaskOptions resolvedOptions(boolean catching) {
    int i = catching ? 1 : 0;
    TaskOptions options = resolved[i];
    if (options == null) {
      options = TaskOptions.resolve(this.options, catching);
      resolved[i] = options;
    }
    return options;
  }

  /** Whether the step's annotation catches exceptions. */
  public boolean catching() {
    return catching;
  }

  StepInvoker invoker() {
    return invoker;
  }

  /** What the runtime runs for this step, when it is one of its own; else null. */
  BuiltInStep builtIn() {
    return builtIn;
  }

  @Override
  public String toString() {
    return id;
  }

  /** The first 8 bytes of the SHA-256 of {@code text}: equal shapes, equal hashes. */
  static long hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      long hash = 0;
      for (int i = 0; i < 8; i++) {
        hash = hash << 8 | (digest[i] & 0xff);
      }
      return hash;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * The parts of a step definition, each named; {@link #invoker} ends it.
   *
   * @param <T> what the step's tasks produce
   */
  public static final class Builder<T> {
    private final String stepClass;
    private final String name;
    private int version = 1;
    private int arity;
    private String shape = "";
    private StepOptions options = TaskOptions.NONE;
    private boolean catching;
    private boolean continuation;

    private Builder(String stepClass, String name) {
      this.stepClass = Objects.requireNonNull(stepClass, "stepClass");
      this.name = Objects.requireNonNull(name, "name");
    }

    /** The step's version (default 1); see {@code @Step(version)}. */
    public Builder<T> version(int version) {
      if (version < 1) {
        throw new IllegalArgumentException("a step's version is at least 1, got " + version);
      }
      this.version = version;
      return this;
    }

    /** How many inputs the step takes (parameters the runtime supplies are not inputs). */
    public Builder<T> inputs(int arity) {
      this.arity = arity;
      return this;
    }

    /** What the step stores and reads; see {@link StepDefinition#shape()}. */
    public Builder<T> shape(String shape) {
      this.shape = Objects.requireNonNull(shape, "shape");
      return this;
    }

    /** The options of the step's annotation. */
    public Builder<T> options(StepOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * The step's annotation says {@code catchExceptions = true}: its tasks produce a {@code Result}
     * of what the method returns instead of failing.
     */
    public Builder<T> catchExceptions() {
      this.catching = true;
      return this;
    }

    /**
     * The step returns a workflow that runs in its place (a continuation): it runs on the member
     * that drives its workflow.
     */
    public Builder<T> continuation() {
      this.continuation = true;
      return this;
    }

    /** The step, calling {@code invoker} to run. */
    public StepDefinition<T> invoker(StepInvoker invoker) {
      return new StepDefinition<>(this, invoker, null);
    }

    /** One of the runtime's own steps, run by {@code step}. */
    StepDefinition<T> builtIn(BuiltInStep step) {
      return new StepDefinition<>(
          this,
          args -> {
            throw new IllegalStateException("step " + stepClass + "#" + name + " is built in");
          },
          Objects.requireNonNull(step, "step"));
    }
  }
}
