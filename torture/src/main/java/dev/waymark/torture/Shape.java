package dev.waymark.torture;

import dev.waymark.annotations.CheckpointMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The randomized workflow of one seed, as plain data: its nodes, how they connect, their options,
 * and the value each must produce. A pure function of the seed, so the child JVMs, the steps
 * themselves (checking their inputs) and the checker all agree on it without exchanging anything.
 *
 * <p>The top level mixes plain chains, fan-out/fan-in, retried steps, caught failures, unstored
 * steps, intra-step checkpointed loops and continuations. A continuation ({@link Kind#EXPAND})
 * returns a DAG whose width and content depend on the value of its input, possibly with nested
 * continuations; some continuations are not stored ({@code checkpoint(FALSE)}), some of those store
 * their output step ({@code checkpoint(TRUE)}), as the README allows.
 */
public final class Shape {
  /** What a node is; every kind but {@link #CONST} is a task, run by the step of the same name. */
  public enum Kind {
    /** A constant input inside a continuation's DAG ({@code Workflow.of}); not a task. */
    CONST,
    LEAF,
    MIX,
    COMBINE,
    /** Like MIX, with {@code @Checkpoint(FALSE)} on the step. */
    UNSTORED,
    /** Throws a recoverable exception on its first {@code param} attempts; retried. */
    FLAKY,
    /** Always throws; its failure is caught ({@code catchExceptions()}) and fed to a HANDLE. */
    DOOMED,
    HANDLE,
    /** Loops over {@code param} iterations, saving each with a {@code Checkpointer<Integer>}. */
    LOOP,
    /** A continuation: returns the DAG of {@code inner}, whose output is {@code innerOutput}. */
    EXPAND;

    String prefix() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One node.
   *
   * @param id the task id (set per call with {@code StepOptions.builder().taskId(id).build()})
   * @param inputs the ids of the nodes whose values it takes, in order
   * @param param FLAKY: failing attempts; LOOP: iterations; EXPAND: nesting depth
   * @param checkpoint the per-call checkpoint option, null when not set
   * @param maxRetries the effective maxRetries
   * @param maxRetriesPerCall whether {@code maxRetries} is set per call (else the annotation's)
   * @param backoffMillis a per-call fixed backoff, 0 for none
   * @param stored whether the task's output (a continuation: its DAG) must be stored
   * @param value the value it must produce (EXPAND: the value of its DAG's output)
   * @param innerOutput EXPAND: the output node of the DAG it returns
   * @param inner EXPAND: every node of the DAG it returns, nested continuations' nodes excluded
   */
  public record Node(
      String id,
      Kind kind,
      List<String> inputs,
      int param,
      CheckpointMode checkpoint,
      int maxRetries,
      boolean maxRetriesPerCall,
      long backoffMillis,
      boolean stored,
      long value,
      String innerOutput,
      List<String> inner) {

    public boolean isTask() {
      return kind != Kind.CONST;
    }

    /** What its {@code END} log line must carry; null for a DOOMED task (it logs FAIL). */
    public String expectedEnd() {
      return switch (kind) {
        case CONST, DOOMED -> null;
        case EXPAND -> "dag:" + innerOutput;
        default -> Long.toString(value);
      };
    }
  }

  /** The annotation's maxRetries of every step (see {@link Torture}). */
  public static final int MAX_RETRIES = Torture.MAX_RETRIES;

  private static final Map<Long, Shape> CACHE = new ConcurrentHashMap<>();

  private final long seed;
  private final Map<String, Node> nodes;
  private final String root;

  private Shape(long seed, Map<String, Node> nodes, String root) {
    this.seed = seed;
    this.nodes = Collections.unmodifiableMap(nodes);
    this.root = root;
  }

  /** The shape of {@code seed} (generated once per JVM). */
  public static Shape of(long seed) {
    return CACHE.computeIfAbsent(seed, Shape::generate);
  }

  /** Generates the shape of {@code seed} anew. */
  static Shape generate(long seed) {
    return new Generator(seed).generate();
  }

  public long seed() {
    return seed;
  }

  /** The id of the workflow's output task. */
  public String root() {
    return root;
  }

  /** The workflow's result. */
  public long result() {
    return node(root).value();
  }

  public Node node(String id) {
    Node node = nodes.get(id);
    if (node == null) {
      throw new IllegalArgumentException("seed " + seed + " has no node '" + id + "'");
    }
    return node;
  }

  public Node find(String id) {
    return nodes.get(id);
  }

  public long value(String id) {
    return node(id).value();
  }

  /** Every node, constants included. */
  public Collection<Node> nodes() {
    return nodes.values();
  }

  public List<Node> tasks() {
    return nodes.values().stream().filter(Node::isTask).toList();
  }

  /** What the checker needs to know of each task. */
  public Map<String, InvariantChecker.TaskPolicy> policies() {
    Map<String, InvariantChecker.TaskPolicy> policies = new LinkedHashMap<>();
    Map<String, String> unstoredParents = new HashMap<>();
    for (Node node : tasks()) {
      if (node.kind() == Kind.EXPAND && !node.stored() && node(node.innerOutput()).stored()) {
        unstoredParents.put(node.innerOutput(), node.id());
      }
    }
    for (Node node : tasks()) {
      policies.put(
          node.id(),
          new InvariantChecker.TaskPolicy(
              node.maxRetries(),
              node.kind() == Kind.FLAKY ? node.param() : 0,
              node.stored(),
              node.expectedEnd(),
              node.kind() == Kind.DOOMED,
              unstoredParents.get(node.id())));
    }
    return policies;
  }

  /** E.g. {@code 97 tasks (leaf 12, mix 30, ..., expand 4 (depth 3))}. */
  public String describe() {
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    int depth = 0;
    int unstored = 0;
    for (Node node : tasks()) {
      counts.merge(node.kind(), 1, Integer::sum);
      if (node.kind() == Kind.EXPAND) {
        depth = Math.max(depth, node.param());
      }
      if (!node.stored()) {
        unstored++;
      }
    }
    StringBuilder s = new StringBuilder().append(tasks().size()).append(" tasks (");
    counts.forEach((kind, n) -> s.append(kind.prefix()).append(' ').append(n).append(", "));
    return s.append("max depth ")
        .append(depth)
        .append(", unstored ")
        .append(unstored)
        .append(')')
        .toString();
  }

  // ---- the model: how every value is computed ----

  /** A node's value from the seed, its id and its inputs' values. */
  public static long hash(long seed, String id, long... inputs) {
    long h = mix64(seed ^ 0x9E3779B97F4A7C15L);
    h = mix64(h ^ fnv(id));
    for (long input : inputs) {
      h = mix64(h * 31 + mix64(input));
    }
    return h;
  }

  /** The message of the exception a DOOMED task throws. */
  public static String doomedMessage(String id) {
    return "doomed " + id;
  }

  static long fnv(String text) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  // ---- generation ----

  private static final class Generator {
    private final long seed;
    private final Random random;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private int next;

    Generator(long seed) {
      this.seed = seed;
      this.random = new Random(seed);
    }

    private enum Template {
      CHAIN,
      FANOUT,
      RETRY,
      CAUGHT,
      UNSTORED,
      LOOP,
      EXPAND
    }

    Shape generate() {
      List<String> pool = new ArrayList<>();
      int sources = 3 + random.nextInt(3);
      for (int i = 0; i < sources; i++) {
        pool.add(leaf(Integer.toString(next++), true, maybeFalse(true)));
      }
      List<Template> templates = new ArrayList<>(List.of(Template.values()));
      Collections.shuffle(templates, random);
      int extra = 2 + random.nextInt(4);
      Template[] again = {Template.CHAIN, Template.FANOUT, Template.EXPAND, Template.RETRY};
      for (int i = 0; i < extra; i++) {
        templates.add(again[random.nextInt(again.length)]);
      }
      for (Template template : templates) {
        String in = pool.get(random.nextInt(pool.size()));
        String out =
            switch (template) {
              case CHAIN -> {
                String last = in;
                int length = 2 + random.nextInt(4);
                for (int i = 0; i < length; i++) {
                  last = mix(Integer.toString(next++), last, true, maybeFalse(true));
                  if (i < length - 1 && random.nextInt(3) == 0) {
                    pool.add(last); // a side exit: later templates may consume it too
                  }
                }
                yield last;
              }
              case FANOUT -> {
                int width = 3 + random.nextInt(5);
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < width; i++) {
                  String path = Integer.toString(next++);
                  int pick = random.nextInt(6);
                  parts.add(
                      pick == 0
                          ? leaf(path, true, maybeFalse(true))
                          : pick == 1
                              ? flaky(path, in, 1, true)
                              : mix(path, in, true, maybeFalse(true)));
                }
                yield combine(Integer.toString(next++), parts, true, null);
              }
              case RETRY -> flaky(Integer.toString(next++), in, 1 + random.nextInt(3), true);
              case CAUGHT -> handle(Integer.toString(next++), true);
              case UNSTORED -> {
                String unstored = unstored(Integer.toString(next++), in, true);
                if (random.nextBoolean()) {
                  unstored = unstored(Integer.toString(next++), unstored, true);
                }
                yield mix(Integer.toString(next++), unstored, true, null);
              }
              case LOOP ->
                  loop(
                      Integer.toString(next++),
                      in,
                      10 + random.nextInt(50),
                      true,
                      maybeFalse(true));
              case EXPAND ->
                  expand(Integer.toString(next++), in, 1 + random.nextInt(3), true, random);
            };
        pool.add(out);
      }
      Set<String> consumed = new HashSet<>();
      for (Node node : nodes.values()) {
        consumed.addAll(node.inputs());
      }
      List<String> outputs = new ArrayList<>();
      for (String id : pool) {
        if (!consumed.contains(id)) {
          outputs.add(id); // everything the workflow has is needed by its output
        }
      }
      String root = "root";
      long[] values = outputs.stream().mapToLong(id -> nodes.get(id).value()).toArray();
      add(
          new Node(
              root,
              Kind.COMBINE,
              List.copyOf(outputs),
              0,
              null,
              MAX_RETRIES,
              false,
              0,
              true,
              hash(seed, root, values),
              null,
              null));
      return new Shape(seed, nodes, root);
    }

    /** A per-call checkpoint(FALSE) now and then, only where the scope is stored. */
    private CheckpointMode maybeFalse(boolean scopeStored) {
      return scopeStored && random.nextInt(8) == 0 ? CheckpointMode.FALSE : null;
    }

    private static boolean stored(CheckpointMode mode, boolean scopeStored) {
      return mode == CheckpointMode.TRUE || (mode != CheckpointMode.FALSE && scopeStored);
    }

    private String add(Node node) {
      if (nodes.putIfAbsent(node.id(), node) != null) {
        throw new IllegalStateException("duplicate node id " + node.id());
      }
      return node.id();
    }

    /** A task node with the annotation's maxRetries, or now and then one set per call. */
    private String task(
        Kind kind,
        String path,
        List<String> inputs,
        int param,
        CheckpointMode checkpoint,
        boolean scopeStored,
        long backoff,
        long value) {
      boolean perCall = random.nextInt(5) == 0;
      int maxRetries = perCall ? 25 + random.nextInt(21) : MAX_RETRIES;
      CheckpointMode effective =
          checkpoint != null ? checkpoint : kind == Kind.UNSTORED ? CheckpointMode.FALSE : null;
      return add(
          new Node(
              kind.prefix() + "-" + path,
              kind,
              List.copyOf(inputs),
              param,
              checkpoint,
              maxRetries,
              perCall,
              backoff,
              stored(effective, scopeStored),
              value,
              null,
              null));
    }

    private long valueOf(String id) {
      return nodes.get(id).value();
    }

    private String leaf(String path, boolean scopeStored, CheckpointMode mode) {
      String id = Kind.LEAF.prefix() + "-" + path;
      return task(Kind.LEAF, path, List.of(), 0, mode, scopeStored, 0, hash(seed, id));
    }

    private String mix(String path, String in, boolean scopeStored, CheckpointMode mode) {
      String id = Kind.MIX.prefix() + "-" + path;
      return task(
          Kind.MIX, path, List.of(in), 0, mode, scopeStored, 0, hash(seed, id, valueOf(in)));
    }

    private String unstored(String path, String in, boolean scopeStored) {
      String id = Kind.UNSTORED.prefix() + "-" + path;
      return task(
          Kind.UNSTORED, path, List.of(in), 0, null, scopeStored, 0, hash(seed, id, valueOf(in)));
    }

    private String flaky(String path, String in, int failures, boolean scopeStored) {
      String id = Kind.FLAKY.prefix() + "-" + path;
      long backoff = random.nextBoolean() ? 0 : 1 + random.nextInt(3);
      return task(
          Kind.FLAKY,
          path,
          List.of(in),
          failures,
          maybeFalse(scopeStored),
          scopeStored,
          backoff,
          hash(seed, id, valueOf(in)));
    }

    private String combine(
        String path, List<String> parts, boolean scopeStored, CheckpointMode mode) {
      String id = Kind.COMBINE.prefix() + "-" + path;
      long[] values = parts.stream().mapToLong(this::valueOf).toArray();
      return task(Kind.COMBINE, path, parts, 0, mode, scopeStored, 0, hash(seed, id, values));
    }

    private String loop(
        String path, String in, int iterations, boolean scopeStored, CheckpointMode mode) {
      String id = Kind.LOOP.prefix() + "-" + path;
      return task(
          Kind.LOOP,
          path,
          List.of(in),
          iterations,
          mode,
          scopeStored,
          0,
          hash(seed, id, valueOf(in), iterations));
    }

    /** A DOOMED task and the HANDLE task that takes its caught failure. */
    private String handle(String path, boolean scopeStored) {
      String doomed = task(Kind.DOOMED, path, List.of(), 0, null, scopeStored, 0, 0);
      String id = Kind.HANDLE.prefix() + "-" + path;
      return task(
          Kind.HANDLE,
          path,
          List.of(doomed),
          0,
          null,
          scopeStored,
          0,
          hash(seed, id, fnv(doomedMessage(doomed))));
    }

    /**
     * A continuation of nesting {@code depth}: its DAG is generated from the value of its input (a
     * data-dependent fan-out), with the random numbers of a generator seeded by that value.
     */
    private String expand(String path, String in, int depth, boolean scopeStored, Random outer) {
      String id = Kind.EXPAND.prefix() + "-" + path;
      boolean unstoredParent = scopeStored && outer.nextInt(4) == 0;
      boolean storedOutput = unstoredParent && outer.nextBoolean();
      CheckpointMode mode = unstoredParent ? CheckpointMode.FALSE : null;
      boolean stored = stored(mode, scopeStored);
      long input = valueOf(in);
      Random inner = new Random(hash(seed, id, input));
      int width = 2 + (int) Long.remainderUnsigned(input, 4);
      List<String> members = new ArrayList<>();
      String constant =
          add(
              new Node(
                  Kind.CONST.prefix() + "-" + path + ".in",
                  Kind.CONST,
                  List.of(),
                  0,
                  null,
                  0,
                  false,
                  0,
                  false,
                  input,
                  null,
                  null));
      members.add(constant);
      List<String> parts = new ArrayList<>();
      String previous = constant;
      for (int j = 0; j < width; j++) {
        String sub = path + "." + j;
        int pick = inner.nextInt(10);
        CheckpointMode subMode = stored && inner.nextInt(6) == 0 ? CheckpointMode.FALSE : null;
        String part;
        if (depth > 1 && pick < 3) {
          part = expand(sub, previous, depth - 1, stored, inner);
        } else if (pick == 3) {
          part = flaky(sub, previous, 1 + inner.nextInt(2), stored);
        } else if (pick == 4) {
          part = loop(sub, constant, 5 + inner.nextInt(20), stored, subMode);
        } else if (pick == 5) {
          part = handle(sub, stored);
          members.add(Kind.DOOMED.prefix() + "-" + sub);
        } else if (pick == 6) {
          part = unstored(sub, previous, stored);
        } else if (pick == 7) {
          part = leaf(sub, stored, subMode);
        } else {
          part = mix(sub, previous, stored, subMode);
        }
        members.add(part);
        parts.add(part);
        if (inner.nextBoolean()) {
          previous = part; // the next part depends on this one: chains inside the DAG
        }
      }
      String output =
          combine(path + ".out", parts, stored, storedOutput ? CheckpointMode.TRUE : null);
      members.add(output);
      return add(
          new Node(
              id,
              Kind.EXPAND,
              List.of(in),
              depth,
              mode,
              MAX_RETRIES,
              false,
              0,
              stored,
              valueOf(output),
              output,
              List.copyOf(members)));
    }
  }
}
