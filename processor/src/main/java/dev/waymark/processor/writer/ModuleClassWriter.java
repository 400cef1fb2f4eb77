package dev.waymark.processor.writer;

import static dev.waymark.processor.writer.RuntimeTypes.CURRENT_TASK;
import static dev.waymark.processor.writer.RuntimeTypes.GENERATED;
import static dev.waymark.processor.writer.RuntimeTypes.STEP_CONTEXT;
import static dev.waymark.processor.writer.RuntimeTypes.STEP_DEFINITION;
import static dev.waymark.processor.writer.RuntimeTypes.STEP_MODULE;
import static dev.waymark.processor.writer.RuntimeTypes.STEP_REGISTRY;
import static dev.waymark.processor.writer.RuntimeTypes.TYPE_REGISTRAR;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
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
 * Writes the module class of one {@link StepClassModel}, the sibling of its builders' class: a step
 * definition per step with its invoker and shape, the {@code StepModule} that registers them and
 * the checkpoint types, and the serializers of user types. Users never call it; the runtime does.
 */
public final class ModuleClassWriter {
  private static final String PROCESSOR = "dev.waymark.processor.StepProcessor";
  private static final AnnotationSpec UNCHECKED =
      AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build();

  private final SerializerWriter serializers = new SerializerWriter();

  // @Generated("dev.waymark.processor.StepProcessor")
  // public final class Pipeline_WaymarkModule implements StepModule {
  //   <step definitions>
  //   static { StepRegistry.register(new Pipeline_WaymarkModule()); }
  //   public Pipeline_WaymarkModule() {}
  //   <steps()> <registerTypes(...)> <Instance> <serializers>
  // }
  public GeneratedSource write(StepClassModel model) {
    GeneratedNames names = new GeneratedNames(model);
    Map<TypeName, CheckpointType> types = new LinkedHashMap<>();
    model.checkpointTypes().forEach(type -> types.put(type.type(), type));
    TypeSpec.Builder type =
        TypeSpec.classBuilder(model.moduleClass())
            .addJavadoc(
                "The step definitions and checkpoint serializers behind {@link $T}: what the\n"
                    + "Waymark runtime needs to run and resume the steps of {@link $T}. It"
                    + " registers\nitself when it is first used, and {@link java.util.ServiceLoader}"
                    + " finds it for a JVM\nthat resumes a stored workflow.\n",
                model.generatedClass(),
                model.stepClass())
            .addAnnotation(
                AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(STEP_MODULE);
    for (StepModel step : model.steps()) {
      type.addField(definition(model, step, names, types));
    }
    // After the fields: by the time the module registers, its definitions exist.
    type.addStaticBlock(
        CodeBlock.builder()
            .addStatement("$T.register(new $T())", STEP_REGISTRY, model.moduleClass())
            .build());
    type.addMethod(
        MethodSpec.constructorBuilder()
            // In full: an import that only Javadoc uses is one that ECJ reports as unused.
            .addJavadoc("Created by {@link java.util.ServiceLoader}.\n")
            .addModifiers(Modifier.PUBLIC)
            .build());
    addModuleMethods(type, model, names);
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
        JavaFile.builder(model.moduleClass().packageName(), type.build())
            .skipJavaLangImports(true)
            .build());
  }

  // static final StepDefinition<List<Integer>> READ_DATA =
  //     StepDefinition.<List<Integer>>step("com.example.Pipeline", "readData")
  //         .inputs(1)
  //         .shape("in int\n"
  //             + "out java.util.List<java.lang.Integer>")
  //         .invoker(args -> Pipeline.readData((Integer) args[0]));
  //
  // with, for a step whose annotations change options or that catches exceptions, or an older
  // version of a step, .version(1), .options(StepOptions.builder().maxRetries(10).build()) and
  // .catchExceptions() before the invoker, and a StepDefinition<Result<Integer>> for the latter.
  //
  // A continuation, Workflow<Integer> factorial(int n), gets a StepDefinition<Integer> marked
  // .continuation() whose invoker returns the method's workflow as it is: the runtime sees a
  // workflow come back, runs it, and stores its result as the step's.
  //
  // Parameters the runtime supplies are not inputs: the input count leaves them out, and the
  // invoker fetches them for the running step where the method declares them, numbering the inputs
  // alone:
  //
  //         .invoker(args -> Training.train((Integer) args[0],
  //             CurrentTask.<Training.TrainingState>checkpointerOfCurrentStep()));
  private FieldSpec definition(
      StepClassModel model,
      StepModel step,
      GeneratedNames names,
      Map<TypeName, CheckpointType> types) {
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
    TypeName result = BuilderWriter.resultType(step);
    // Laid out as a person would: one named part a line.
    CodeBlock.Builder initializer =
        CodeBlock.builder()
            .add(
                "$>$>\n$T.<$T>step($S, $S)",
                STEP_DEFINITION,
                result,
                model.binaryName(),
                step.stepName())
            .add("$>$>");
    if (step.version() != 1) {
      initializer.add("\n.version($L)", step.version());
    }
    initializer.add("\n.inputs($L)", step.inputs().size());
    initializer.add("\n.shape($L)", shapeLiteral(ShapeWriter.step(step, types)));
    if (!step.options().isEmpty()) {
      initializer.add("\n.options($L)", StepOptionsWriter.options(step.options()));
    }
    if (step.catchExceptions()) {
      initializer.add("\n.catchExceptions()");
    }
    if (step.continuation()) {
      initializer.add("\n.continuation()");
    }
    initializer.add("\n.invoker($L)$<$<$<$<", invoker);
    FieldSpec.Builder field =
        FieldSpec.builder(
                ParameterizedTypeName.get(STEP_DEFINITION, result),
                names.constant(step),
                Modifier.STATIC,
                Modifier.FINAL)
            .initializer(initializer.build());
    if (unchecked) {
      // The casts of generic parameter types are checked by the typed builders, not here.
      field.addAnnotation(UNCHECKED);
    }
    return field.build();
  }

  /** A shape as a string literal, a line of the shape a line of code. */
  private static CodeBlock shapeLiteral(String shape) {
    String[] lines = shape.split("\n");
    CodeBlock.Builder literal =
        CodeBlock.builder().add("$S$>$>", lines[0] + (lines.length > 1 ? "\n" : ""));
    for (int i = 1; i < lines.length; i++) {
      literal.add("\n+ $S", lines[i] + (i + 1 < lines.length ? "\n" : ""));
    }
    return literal.add("$<$<").build();
  }

  // @Override public List<StepDefinition<?>> steps() { return List.of(READ_DATA, AGGREGATE); }
  // @Override public void registerTypes(TypeRegistrar registrar) {
  //   registrar.register(Pipeline.Point.class, new PointSerializer(),
  //       "record com.example.Pipeline.Point(x int, label java.lang.String)");
  //   registrar.register(Pipeline.Point[].class);
  // }
  private void addModuleMethods(TypeSpec.Builder type, StepClassModel model, GeneratedNames names) {
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
            "registrar.register($T.class, new $T(),$W$S)",
            checkpointType.type(),
            names.serializer(checkpointType),
            ShapeWriter.type(checkpointType));
      }
    }
    TypeName definitions =
        ParameterizedTypeName.get(STEP_DEFINITION, WildcardTypeName.subtypeOf(Object.class));
    type.addMethod(
            MethodSpec.methodBuilder("steps")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(ParameterizedTypeName.get(ClassName.get(List.class), definitions))
                .addStatement("return $T.of($L)", List.class, steps)
                .build())
        .addMethod(register.build());
  }

  // /** Holds the one Pipeline that instance steps run on, created when the first one runs. */
  // private static final class Instance {
  //   static final Pipeline PIPELINE = new Pipeline();
  // }
  private TypeSpec instanceHolder(StepClassModel model, GeneratedNames names) {
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
}
