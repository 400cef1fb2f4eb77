package com.example;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.waymark.internal.StepDefinition;
import dev.waymark.internal.StepModule;
import dev.waymark.internal.StepRegistry;
import dev.waymark.internal.TypeRegistrar;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * The step definitions and checkpoint serializers behind {@link Outer_InnerSteps}: what the
 * Waymark runtime needs to run and resume the steps of {@link Outer.Inner}. It registers
 * itself when it is first used, and {@link java.util.ServiceLoader} finds it for a JVM
 * that resumes a stored workflow.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class Outer_Inner_WaymarkModule implements StepModule {
  @SuppressWarnings("unchecked")
  static final StepDefinition<Optional<Outer.Tree>> GROW =
      StepDefinition.<Optional<Outer.Tree>>step("com.example.Outer$Inner", "grow")
          .inputs(3)
          .shape("in com.example.Outer.Tree\n"
              + "in java.util.Map<com.example.Outer.Level, java.util.Set<java.lang.String>>\n"
              + "in java.util.TreeMap<java.lang.String, java.math.BigDecimal>\n"
              + "out java.util.Optional<com.example.Outer.Tree>\n"
              + "record com.example.Outer.Leaf(b byte, s short, c char, f float, d double, z boolean, l long)\n"
              + "enum com.example.Outer.Level{HIGH, LOW}\n"
              + "record com.example.Outer.Tree(label java.lang.String, children java.util.List<com.example.Outer.Tree>, leaf com.example.Outer.Leaf)")
          .invoker(args -> Outer.Inner.grow((Outer.Tree) args[0],
              (Map<Outer.Level, Set<String>>) args[1], (TreeMap<String, BigDecimal>) args[2]));

  static final StepDefinition<Instant> STAMP =
      StepDefinition.<Instant>step("com.example.Outer$Inner", "stamp")
          .inputs(3)
          .shape("in java.util.UUID\n"
              + "in com.example.Outer.Level[][]\n"
              + "in java.lang.Integer\n"
              + "out java.time.Instant\n"
              + "enum com.example.Outer.Level{HIGH, LOW}")
          .invoker(args -> Outer.Inner.timestamp((UUID) args[0], (Outer.Level[][]) args[1],
              (Integer) args[2]));

  static {
    StepRegistry.register(new Outer_Inner_WaymarkModule());
  }

  /**
   * Created by {@link java.util.ServiceLoader}.
   */
  public Outer_Inner_WaymarkModule() {
  }

  @Override
  public List<StepDefinition<?>> steps() {
    return List.of(GROW, STAMP);
  }

  @Override
  public void registerTypes(TypeRegistrar registrar) {
    registrar.register(Outer.Tree.class, new TreeSerializer(),
        "record com.example.Outer.Tree(label java.lang.String, children java.util.List<com.example.Outer.Tree>, leaf com.example.Outer.Leaf)");
    registrar.register(Outer.Leaf.class, new LeafSerializer(),
        "record com.example.Outer.Leaf(b byte, s short, c char, f float, d double, z boolean, l long)");
    registrar.register(Outer.Level.class, new LevelSerializer(),
        "enum com.example.Outer.Level{HIGH, LOW}");
    registrar.register(Outer.Level[].class);
    registrar.register(Outer.Level[][].class);
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
