package dev.waymark.processor.writer;

import static dev.waymark.processor.writer.RuntimeTypes.CURRENT_TASK;
import static dev.waymark.processor.writer.RuntimeTypes.GENERATED;
import static dev.waymark.processor.writer.RuntimeTypes.STEP_CONTEXT;
import static dev.waymark.processor.writer.RuntimeTypes.STEP_DEFINITION;
import static dev.waymark.processor.writer.RuntimeTypes.STEP_MODULE;
import static dev.waymark.processor.writer.RuntimeTypes.TYPE_REGISTRAR;
import static dev.waymark.processor.writer.RuntimeTypes.WORKFLOW;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.waymark.processor.model.CheckpointType;
import dev.waymark.processor.model.ParamModel;
import dev.waymark.processor.model.StepClassModel;
import dev.waymark.processor.model.StepModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes the {@code *Steps} class of one {@link StepClassModel}: a step definition per step, typed
 * builder methods, the {@code Module} that registers them, and the serializers of user types.
 */
public final class StepsClassWriter {
  private static final String PROCESSOR = "dev.waymark.processor.StepProcessor";
  private static final String INSTANCE_CLASS = "Instance";
  private static final AnnotationSpec UNCHECKED =
      AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build();

  private final SerializerWriter serializers = new SerializerWriter();
  private final BuilderWriter builders = new BuilderWriter();

  // @Generated("dev.waymark.processor.StepProcessor")
  // public final class PipelineSteps {
  //   <step definitions> private PipelineSteps() {} <builders> <Module> <Instance> <serializers>
  // }
  public GeneratedSource write(StepClassModel model) {
    Names names = new Names(model);
    TypeSpec.Builder type =
        TypeSpec.classBuilder(model.generatedClass())
            .addJavadoc(
                "Workflow builders for the {@code @Step} methods of {@link $T}.\n",
                model.stepClass())
            .addAnnotation(
                AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL);
    for (StepModel step : model.steps()) {
      type.addField(definition(model, step, names));
    }
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    for (StepModel step : model.steps()) {
      type.addMethods(builders.builders(model, step, names.constant(step), names.allocator()));
    }
    type.addType(module(model, names));
    if (model.hasInstanceSteps()) {
      type.addType(instanceHolder(model, names));
    }
    for (CheckpointType checkpointType : model.checkpointTypes()) {
      if (checkpointType instanceof CheckpointType.RecordType record) {
        type.addType(serializers.record(record, names.serializer(checkpointType)));
      } else if (checkpointType instanceof CheckpointType.EnumType enumType) {
        type.addType(serializers.enumType(enumType, names.serializer(checkpointType)));
      }
    }
    // java.lang imports are noise a person would never write.
    return GeneratedSource.of(
        JavaFile.builder(model.generatedClass().packageName(), type.build())
            .skipJavaLangImports(true)
            .build());
  }

  // private static final StepDefinition<List<Integer>> READ_DATA =
  //     new StepDefinition<>("com.example.Pipeline#readData", "readData", 1,
  //         args -> Pipeline.readData((Integer) args[0]));
  //
  // or, for a step whose annotations change options, or that catches exceptions:
  //
  // private static final StepDefinition<Result<Integer>> PARSE =
  //     StepDefinition.catching("com.example.Jobs#parse", "parse", 1,
  //         args -> Jobs.parse((String) args[0]),
  //         StepOptions.options().maxRetries(10));
  //
  // A continuation, Workflow<Integer> factorial(int n), gets a StepDefinition<Integer> whose
  // invoker returns the method's workflow as it is: the runtime sees a workflow come back, runs
  // it, and stores its result as the step's.
  //
  // Parameters the runtime supplies are not inputs: the arity leaves them out, and the invoker
  // fetches them for the running step where the method declares them, numbering the inputs alone:
  //
  // private static final StepDefinition<Double> TRAIN =
  //     new StepDefinition<>("com.example.Training#train", "train", 1,
  //         args -> Training.train((Integer) args[0],
  //             CurrentTask.<Training.TrainingState>checkpointerOfCurrentStep()));
  private FieldSpec definition(StepClassModel model, StepModel step, Names names) {
    List<CodeBlock> arguments = new ArrayList<>();
    boolean unchecked = false;
    int input = 0;
    for (ParamModel param : step.params()) {
      if (param instanceof ParamModel.Input in) {
        arguments.add(CodeBlock.of("($T) args[$L]", in.type().box(), input++));
        unchecked |= in.uncheckedCast();
      } else if (param instanceof ParamModel.Checkpointer checkpointer) {
        // The type argument spelled out, so that a reader in the debugger sees what the state is
        // without going back to the method.
        arguments.add(
            CodeBlock.of(
                "$T.<$T>checkpointerOfCurrentStep()", CURRENT_TASK, checkpointer.stateType()));
      } else {
        arguments.add(CodeBlock.of("$T.current()", STEP_CONTEXT));
      }
    }
    CodeBlock target =
        step.isStatic()
            ? CodeBlock.of("$T", model.stepClass())
            : CodeBlock.of("$T.$N", names.instanceClass(), names.instanceField());
    CodeBlock call =
        CodeBlock.of("$L.$N($L)", target, step.methodName(), CodeBlock.join(arguments, ",$W"));
    CodeBlock invoker =
        step.returnsVoid()
            // args -> { Pipeline.log((String) args[0]); return null; }
            ? CodeBlock.builder()
                .add("args -> {\n$>")
                .addStatement("$L", call)
                .addStatement("return null")
                .add("$<}")
                .build()
            : CodeBlock.of("args -> $L", call);
    // Laid out as a person would: the constructor, then the invoker and the options, on lines of
    // their own. A step with default options keeps the shorter constructor.
    CodeBlock.Builder initializer = CodeBlock.builder().add("$>$>\n");
    if (step.catchExceptions()) {
      initializer.add("$T.catching(", STEP_DEFINITION);
    } else {
      initializer.add("new $T<>(", STEP_DEFINITION);
    }
    initializer
        .add("$S, $S, $L,\n", step.id(), step.stepName(), step.inputs().size())
        .add("$>$>$L", invoker);
    if (step.catchExceptions() || !step.options().isEmpty()) {
      initializer.add(",\n$L", StepOptionsWriter.options(step.options()));
    }
    FieldSpec.Builder field =
        FieldSpec.builder(
                ParameterizedTypeName.get(STEP_DEFINITION, BuilderWriter.resultType(step)),
                names.constant(step),
                Modifier.PRIVATE,
                Modifier.STATIC,
                Modifier.FINAL)
            .initializer(initializer.add("$<$<$<$<)").build());
    if (unchecked) {
      // The casts of generic parameter types are checked by the typed builders, not here.
      field.addAnnotation(UNCHECKED);
    }
    return field.build();
  }

  // /** Registers this class's steps and checkpoint types; found through ServiceLoader. */
  // public static final class Module implements StepModule {
  //   @Override public List<StepDefinition<?>> steps() { return List.of(READ_DATA, AGGREGATE); }
  //   @Override public void registerTypes(TypeRegistrar registrar) {
  //     registrar.register(Pipeline.Point.class, new PointSerializer());
  //     registrar.register(Pipeline.Point[].class);
  //   }
  // }
  private TypeSpec module(StepClassModel model, Names names) {
    CodeBlock steps =
        model.steps().stream()
            .map(step -> CodeBlock.of("$N", names.constant(step)))
            .collect(CodeBlock.joining(",$W"));
    MethodSpec.Builder register =
        MethodSpec.methodBuilder("registerTypes")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .addParameter(TYPE_REGISTRAR, "registrar");
    for (CheckpointType checkpointType : model.checkpointTypes()) {
      if (checkpointType instanceof CheckpointType.ArrayType) {
        register.addStatement("registrar.register($T.class)", checkpointType.type());
      } else {
        register.addStatement(
            "registrar.register($T.class, new $T())",
            checkpointType.type(),
            names.serializer(checkpointType));
      }
    }
    TypeName definitions =
        ParameterizedTypeName.get(STEP_DEFINITION, WildcardTypeName.subtypeOf(Object.class));
    return TypeSpec.classBuilder(StepClassModel.MODULE_CLASS)
        .addJavadoc(
            "Registers the steps and checkpoint types of {@link $T};\nfound through {@link $T}.\n",
            model.stepClass(),
            ClassName.get("java.util", "ServiceLoader"))
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(STEP_MODULE)
        .addMethod(
            MethodSpec.methodBuilder("steps")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(ClassName.get(List.class), definitions))
                .addStatement("return $T.of($L)", List.class, steps)
                .build())
        .addMethod(register.build())
        .build();
  }

  // /** Holds the one Pipeline that instance steps run on, created when the first one runs. */
  // private static final class Instance {
  //   static final Pipeline PIPELINE = new Pipeline();
  // }
  private TypeSpec instanceHolder(StepClassModel model, Names names) {
    // A holder class rather than a field: the JVM creates the instance on first use, thread-safely.
    return TypeSpec.classBuilder(names.instanceClass())
        .addJavadoc(
            "Holds the one {@link $T} that instance steps run on,\n"
                + "created when the first one runs.\n",
            model.stepClass())
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addField(
            FieldSpec.builder(
                    model.instanceType(), names.instanceField(), Modifier.STATIC, Modifier.FINAL)
                .initializer(
                    model.instanceType() instanceof ParameterizedTypeName
                        ? "new $T<>()"
                        : "new $T()",
                    model.stepClass())
                .build())
        .build();
  }

  /**
   * The identifiers of one generated class, allocated once so that members never clash with each
   * other or with the builder parameters, which keep the user's names.
   */
  private static final class Names {
    private final NameAllocator allocator = new NameAllocator();
    private final Map<StepModel, String> constants = new LinkedHashMap<>();
    private final Map<CheckpointType, ClassName> serializers = new LinkedHashMap<>();
    private final ClassName instanceClass;
    private final String instanceField;

    Names(StepClassModel model) {
      allocator.newName(model.generatedClass().simpleName(), "generated");
      allocator.newName(StepClassModel.MODULE_CLASS, "module");
      allocator.newName(INSTANCE_CLASS, "instance");
      // A builder parameter named Workflow would hide the type in Workflow.of(...).
      allocator.newName(WORKFLOW.simpleName(), "workflow");
      instanceClass = model.generatedClass().nestedClass(INSTANCE_CLASS);
      instanceField = JavaNames.constantCase(model.stepClass().simpleName());
      for (StepModel step : model.steps()) {
        constants.put(step, allocator.newName(JavaNames.constantCase(step.stepName()), step));
      }
      for (CheckpointType type : model.checkpointTypes()) {
        if (!(type instanceof CheckpointType.ArrayType)) {
          String simpleName = ((ClassName) type.type()).simpleName() + "Serializer";
          serializers.put(
              type, model.generatedClass().nestedClass(allocator.newName(simpleName, type)));
        }
      }
    }

    String constant(StepModel step) {
      return constants.get(step);
    }

    ClassName serializer(CheckpointType type) {
      return serializers.get(type);
    }

    ClassName instanceClass() {
      return instanceClass;
    }

    String instanceField() {
      return instanceField;
    }

    /** The class-level names taken so far; builders clone it to name their parameters. */
    NameAllocator allocator() {
      return allocator;
    }
  }
}
