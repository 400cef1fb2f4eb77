package com.example;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.waymark.Workflow;
import dev.waymark.internal.StepDefinition;
import dev.waymark.internal.StepModule;
import dev.waymark.internal.TypeRegistrar;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * Workflow builders for the {@code @Step} methods of {@link Outer.Inner}.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class Outer_InnerSteps {
  @SuppressWarnings("unchecked")
  private static final StepDefinition<Optional<Outer.Tree>> GROW =
      new StepDefinition<>("com.example.Outer$Inner#grow", "grow", 3,
          args -> Outer.Inner.grow((Outer.Tree) args[0], (Map<Outer.Level, Set<String>>) args[1],
              (TreeMap<String, BigDecimal>) args[2]));

  private static final StepDefinition<Instant> STAMP =
      new StepDefinition<>("com.example.Outer$Inner#stamp", "stamp", 3,
          args -> Outer.Inner.timestamp((UUID) args[0], (Outer.Level[][]) args[1],
              (Integer) args[2]));

  private Outer_InnerSteps() {
  }

  /**
   * Builds a task of {@link Outer.Inner#grow(Outer.Tree, Map, TreeMap)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Optional<Outer.Tree>> grow(Outer.Tree seed,
      Map<Outer.Level, Set<String>> tags, TreeMap<String, BigDecimal> prices) {
    return GROW.call(Workflow.of(seed), Workflow.of(tags), Workflow.of(prices));
  }

  /**
   * Builds a task of {@link Outer.Inner#grow(Outer.Tree, Map, TreeMap)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Optional<Outer.Tree>> grow(Workflow<? extends Outer.Tree> seed,
      Workflow<? extends Map<Outer.Level, Set<String>>> tags,
      Workflow<? extends TreeMap<String, BigDecimal>> prices) {
    return GROW.call(seed, tags, prices);
  }

  /**
   * Builds a task of {@link Outer.Inner#timestamp(UUID, Outer.Level[][], Integer)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Instant> stamp(UUID id, Outer.Level[][] grid, Integer boxed) {
    return STAMP.call(Workflow.of(id), Workflow.of(grid), Workflow.of(boxed));
  }

  /**
   * Builds a task of {@link Outer.Inner#timestamp(UUID, Outer.Level[][], Integer)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Instant> stamp(Workflow<? extends UUID> id,
      Workflow<? extends Outer.Level[][]> grid, Workflow<? extends Integer> boxed) {
    return STAMP.call(id, grid, boxed);
  }

  /**
   * Registers the steps and checkpoint types of {@link Outer.Inner};
   * found through {@link ServiceLoader}.
   */
  public static final class Module implements StepModule {
    @Override
    public List<StepDefinition<?>> steps() {
      return List.of(GROW, STAMP);
    }

    @Override
    public void registerTypes(TypeRegistrar registrar) {
      registrar.register(Outer.Tree.class, new TreeSerializer());
      registrar.register(Outer.Leaf.class, new LeafSerializer());
      registrar.register(Outer.Level.class, new LevelSerializer());
      registrar.register(Outer.Level[].class);
      registrar.register(Outer.Level[][].class);
    }
  }

  /**
   * Writes {@link Outer.Tree} component by component
   * and reads it back through its canonical constructor.
   */
  private static final class TreeSerializer extends Serializer<Outer.Tree> {
    TreeSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Outer.Tree tree) {
      kryo.writeClassAndObject(output, tree.label());
      kryo.writeClassAndObject(output, tree.children());
      kryo.writeClassAndObject(output, tree.leaf());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Outer.Tree read(Kryo kryo, Input input, Class<? extends Outer.Tree> type) {
      String label = (String) kryo.readClassAndObject(input);
      List<Outer.Tree> children = (List<Outer.Tree>) kryo.readClassAndObject(input);
      Outer.Leaf leaf = (Outer.Leaf) kryo.readClassAndObject(input);
      return new Outer.Tree(label, children, leaf);
    }
  }

  /**
   * Writes {@link Outer.Leaf} component by component
   * and reads it back through its canonical constructor.
   */
  private static final class LeafSerializer extends Serializer<Outer.Leaf> {
    LeafSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Outer.Leaf leaf) {
      output.writeByte(leaf.b());
      output.writeShort(leaf.s());
      output.writeChar(leaf.c());
      output.writeFloat(leaf.f());
      output.writeDouble(leaf.d());
      output.writeBoolean(leaf.z());
      output.writeLong(leaf.l());
    }

    @Override
    public Outer.Leaf read(Kryo kryo, Input input, Class<? extends Outer.Leaf> type) {
      byte b = input.readByte();
      short s = input.readShort();
      char c = input.readChar();
      float f = input.readFloat();
      double d = input.readDouble();
      boolean z = input.readBoolean();
      long l = input.readLong();
      return new Outer.Leaf(b, s, c, f, d, z, l);
    }
  }

  /**
   * Writes {@link Outer.Level} as the constant's name,
   * so that reordering the constants keeps stored values readable.
   */
  private static final class LevelSerializer extends Serializer<Outer.Level> {
    LevelSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Outer.Level level) {
      output.writeString(level.name());
    }

    @Override
    public Outer.Level read(Kryo kryo, Input input, Class<? extends Outer.Level> type) {
      return Outer.Level.valueOf(input.readString());
    }
  }
}
