package com.example;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.waymark.internal.StepDefinition;
import dev.waymark.internal.StepModule;
import dev.waymark.internal.StepRegistry;
import dev.waymark.internal.TypeRegistrar;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * The step definitions and checkpoint serializers behind {@link PipelineSteps}: what the
 * Waymark runtime needs to run and resume the steps of {@link Pipeline}. It registers
 * itself when it is first used, and {@link java.util.ServiceLoader} finds it for a JVM
 * that resumes a stored workflow.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class Pipeline_WaymarkModule implements StepModule {
  static final StepDefinition<List<Integer>> READ_DATA =
      StepDefinition.<List<Integer>>step("com.example.Pipeline", "readData")
          .inputs(1)
          .shape("in int\n"
              + "out java.util.List<java.lang.Integer>")
          .invoker(args -> Pipeline.readData((Integer) args[0]));

  @SuppressWarnings("unchecked")
  static final StepDefinition<List<Integer>> PREPROCESSING =
      StepDefinition.<List<Integer>>step("com.example.Pipeline", "preprocessing")
          .inputs(1)
          .shape("in java.util.List<java.lang.Integer>\n"
              + "out java.util.List<java.lang.Integer>")
          .invoker(args -> Pipeline.preprocessing((List<Integer>) args[0]));

  @SuppressWarnings("unchecked")
  static final StepDefinition<Integer> AGGREGATE =
      StepDefinition.<Integer>step("com.example.Pipeline", "aggregate")
          .inputs(1)
          .shape("in java.util.List<java.lang.Integer>\n"
              + "out int")
          .invoker(args -> Pipeline.aggregate((List<Integer>) args[0]));

  static final StepDefinition<Pipeline.Point> OTHER =
      StepDefinition.<Pipeline.Point>step("com.example.Pipeline", "other")
          .inputs(3)
          .shape("in com.example.Pipeline.Point\n"
              + "in com.example.Pipeline.Color\n"
              + "in int[]\n"
              + "out com.example.Pipeline.Point\n"
              + "enum com.example.Pipeline.Color{GREEN, RED}\n"
              + "record com.example.Pipeline.Point(x int, label java.lang.String, tags java.util.List<java.lang.Integer>)")
          .invoker(args -> Instance.PIPELINE.move((Pipeline.Point) args[0],
              (Pipeline.Color) args[1], (int[]) args[2]));

  static final StepDefinition<Integer> COUNT_MOVES =
      StepDefinition.<Integer>step("com.example.Pipeline", "countMoves")
          .inputs(0)
          .shape("out int")
          .invoker(args -> Instance.PIPELINE.countMoves());

  static final StepDefinition<Void> LOG =
      StepDefinition.<Void>step("com.example.Pipeline", "log")
          .inputs(2)
          .shape("in java.lang.String\n"
              + "in com.example.Pipeline.Point[]\n"
              + "out void\n"
              + "record com.example.Pipeline.Point(x int, label java.lang.String, tags java.util.List<java.lang.Integer>)")
          .invoker(args -> {
            Pipeline.log((String) args[0], (Pipeline.Point[]) args[1]);
            return null;
          });

  static final StepDefinition<Long> SUM =
      StepDefinition.<Long>step("com.example.Pipeline", "sum")
          .inputs(1)
          .shape("in long[]\n"
              + "out long")
          .invoker(args -> Pipeline.sum((long[]) args[0]));

  static {
    StepRegistry.register(new Pipeline_WaymarkModule());
  }

  /**
   * Created by {@link java.util.ServiceLoader}.
   */
  public Pipeline_WaymarkModule() {
  }

  @Override
  public List<StepDefinition<?>> steps() {
    return List.of(READ_DATA, PREPROCESSING, AGGREGATE, OTHER, COUNT_MOVES, LOG, SUM);
  }

  @Override
  public void registerTypes(TypeRegistrar registrar) {
    registrar.register(Pipeline.Point.class, new PointSerializer(),
        "record com.example.Pipeline.Point(x int, label java.lang.String, tags java.util.List<java.lang.Integer>)");
    registrar.register(Pipeline.Color.class, new ColorSerializer(),
        "enum com.example.Pipeline.Color{GREEN, RED}");
    registrar.register(Pipeline.Point[].class);
  }

  /**
   * Holds the one {@link Pipeline} that instance steps run on,
   * created when the first one runs.
   */
  private static final class Instance {
    static final Pipeline PIPELINE = new Pipeline();
  }

  /**
   * Writes {@link Pipeline.Point} component by component
   * and reads it back through its canonical constructor.
   */
  private static final class PointSerializer extends Serializer<Pipeline.Point> {
    PointSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Pipeline.Point point) {
      output.writeInt(point.x());
      kryo.writeClassAndObject(output, point.label());
      kryo.writeClassAndObject(output, point.tags());
    }

    @Override
    @SuppressWarnings("unchecked")
    public Pipeline.Point read(Kryo kryo, Input input, Class<? extends Pipeline.Point> type) {
      int x = input.readInt();
      String label = (String) kryo.readClassAndObject(input);
      List<Integer> tags = (List<Integer>) kryo.readClassAndObject(input);
      return new Pipeline.Point(x, label, tags);
    }
  }

  /**
   * Writes {@link Pipeline.Color} as the constant's name,
   * so that reordering the constants keeps stored values readable.
   */
  private static final class ColorSerializer extends Serializer<Pipeline.Color> {
    ColorSerializer() {
      setImmutable(true);
    }

    @Override
    public void write(Kryo kryo, Output output, Pipeline.Color color) {
      output.writeString(color.name());
    }

    @Override
    public Pipeline.Color read(Kryo kryo, Input input, Class<? extends Pipeline.Color> type) {
      return Pipeline.Color.valueOf(input.readString());
    }
  }
}
