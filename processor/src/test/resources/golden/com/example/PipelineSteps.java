package com.example;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.waymark.Workflow;
import dev.waymark.internal.StepDefinition;
import dev.waymark.internal.StepModule;
import dev.waymark.internal.TypeRegistrar;
import java.util.List;
import java.util.ServiceLoader;
import javax.annotation.processing.Generated;

/**
 * Workflow builders for the {@code @Step} methods of {@link Pipeline}.
 */
@Generated("dev.waymark.processor.StepProcessor")
public final class PipelineSteps {
  private static final StepDefinition<List<Integer>> READ_DATA =
      new StepDefinition<>("com.example.Pipeline#readData", "readData", 1,
          args -> Pipeline.readData((Integer) args[0]));

  @SuppressWarnings("unchecked")
  private static final StepDefinition<List<Integer>> PREPROCESSING =
      new StepDefinition<>("com.example.Pipeline#preprocessing", "preprocessing", 1,
          args -> Pipeline.preprocessing((List<Integer>) args[0]));

  @SuppressWarnings("unchecked")
  private static final StepDefinition<Integer> AGGREGATE =
      new StepDefinition<>("com.example.Pipeline#aggregate", "aggregate", 1,
          args -> Pipeline.aggregate((List<Integer>) args[0]));

  private static final StepDefinition<Pipeline.Point> OTHER =
      new StepDefinition<>("com.example.Pipeline#other", "other", 3,
          args -> Instance.PIPELINE.move((Pipeline.Point) args[0], (Pipeline.Color) args[1],
              (int[]) args[2]));

  private static final StepDefinition<Integer> COUNT_MOVES =
      new StepDefinition<>("com.example.Pipeline#countMoves", "countMoves", 0,
          args -> Instance.PIPELINE.countMoves());

  private static final StepDefinition<Void> LOG =
      new StepDefinition<>("com.example.Pipeline#log", "log", 2,
          args -> {
            Pipeline.log((String) args[0], (Pipeline.Point[]) args[1]);
            return null;
          });

  private static final StepDefinition<Long> SUM =
      new StepDefinition<>("com.example.Pipeline#sum", "sum", 1,
          args -> Pipeline.sum((long[]) args[0]));

  private PipelineSteps() {
  }

  /**
   * Builds a task of {@link Pipeline#readData(int)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<List<Integer>> readData(int num) {
    return READ_DATA.call(Workflow.of(num));
  }

  /**
   * Builds a task of {@link Pipeline#readData(int)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<List<Integer>> readData(Workflow<? extends Integer> num) {
    return READ_DATA.call(num);
  }

  /**
   * Builds a task of {@link Pipeline#preprocessing(List)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<List<Integer>> preprocessing(List<Integer> data) {
    return PREPROCESSING.call(Workflow.of(data));
  }

  /**
   * Builds a task of {@link Pipeline#preprocessing(List)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<List<Integer>> preprocessing(Workflow<? extends List<Integer>> data) {
    return PREPROCESSING.call(data);
  }

  /**
   * Builds a task of {@link Pipeline#aggregate(List)}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> aggregate(List<Integer> data) {
    return AGGREGATE.call(Workflow.of(data));
  }

  /**
   * Builds a task of {@link Pipeline#aggregate(List)},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> aggregate(Workflow<? extends List<Integer>> data) {
    return AGGREGATE.call(data);
  }

  /**
   * Builds a task of {@link Pipeline#move(Pipeline.Point, Pipeline.Color, int[])}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Pipeline.Point> other(Pipeline.Point p, Pipeline.Color c, int[] xs) {
    return OTHER.call(Workflow.of(p), Workflow.of(c), Workflow.of(xs));
  }

  /**
   * Builds a task of {@link Pipeline#move(Pipeline.Point, Pipeline.Color, int[])},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Pipeline.Point> other(Workflow<? extends Pipeline.Point> p,
      Workflow<? extends Pipeline.Color> c, Workflow<? extends int[]> xs) {
    return OTHER.call(p, c, xs);
  }

  /**
   * Builds a task of {@link Pipeline#countMoves()}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Integer> countMoves() {
    return COUNT_MOVES.call();
  }

  /**
   * Builds a task of {@link Pipeline#log(String, Pipeline.Point[])}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Void> log(String message, Pipeline.Point[] points) {
    return LOG.call(Workflow.of(message), Workflow.of(points));
  }

  /**
   * Builds a task of {@link Pipeline#log(String, Pipeline.Point[])},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Void> log(Workflow<? extends String> message,
      Workflow<? extends Pipeline.Point[]> points) {
    return LOG.call(message, points);
  }

  /**
   * Builds a task of {@link Pipeline#sum(long[])}:
   * runs nothing until the workflow runs.
   */
  public static Workflow<Long> sum(long... values) {
    return SUM.call(Workflow.of(values));
  }

  /**
   * Builds a task of {@link Pipeline#sum(long[])},
   * each input the result of another workflow (use {@link Workflow#of} for a constant):
   * runs nothing until the workflow runs.
   */
  public static Workflow<Long> sum(Workflow<? extends long[]> values) {
    return SUM.call(values);
  }

  /**
   * Registers the steps and checkpoint types of {@link Pipeline};
   * found through {@link ServiceLoader}.
   */
  public static final class Module implements StepModule {
    @Override
    public List<StepDefinition<?>> steps() {
      return List.of(READ_DATA, PREPROCESSING, AGGREGATE, OTHER, COUNT_MOVES, LOG, SUM);
    }

    @Override
    public void registerTypes(TypeRegistrar registrar) {
      registrar.register(Pipeline.Point.class, new PointSerializer());
      registrar.register(Pipeline.Color.class, new ColorSerializer());
      registrar.register(Pipeline.Point[].class);
    }
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
