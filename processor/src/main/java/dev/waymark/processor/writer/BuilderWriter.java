package dev.waymark.processor.writer;

import static dev.waymark.processor.writer.RuntimeTypes.RESULT;
import static dev.waymark.processor.writer.RuntimeTypes.WORKFLOW;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import dev.waymark.processor.model.ParamModel;
import dev.waymark.processor.model.StepClassModel;
import dev.waymark.processor.model.StepModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the typed builder methods of one step: one taking plain values, and one taking a workflow
 * per input so that steps chain with the compiler checking every input's type. Parameters that the
 * runtime supplies are not inputs, so neither builder takes them.
 */
final class BuilderWriter {

  /**
   * The type a step's workflows produce: the boxed output type (a continuation's {@code T}), {@code
   * Void} for void, in a {@code Result} when the step catches exceptions.
   */
  static TypeName resultType(StepModel step) {
    TypeName value = step.returnsVoid() ? ClassName.get(Void.class) : step.outputType().box();
    return step.catchExceptions() ? ParameterizedTypeName.get(RESULT, value) : value;
  }

  List<MethodSpec> builders(
      StepClassModel model, StepModel step, String constant, NameAllocator classNames) {
    NameAllocator names = classNames.clone();
    List<String> paramNames = new ArrayList<>();
    for (ParamModel.Input input : step.inputs()) {
      paramNames.add(names.newName(input.name(), input));
    }
    List<MethodSpec> methods = new ArrayList<>();
    methods.add(valueBuilder(model, step, constant, paramNames));
    if (!step.inputs().isEmpty()) {
      methods.add(workflowBuilder(model, step, constant, paramNames));
    }
    return methods;
  }

  // /**
  //  * Builds a task of {@link Pipeline#readData(int)}:
  //  * runs nothing until the workflow runs.
  //  */
  // public static Workflow<List<Integer>> readData(int num) {
  //   return Pipeline_WaymarkModule.READ_DATA.call(Workflow.of(num));
  // }
  //
  // and for a step that catches exceptions:
  //
  // /**
  //  * Builds a task of {@link Jobs#parse(String)},
  //  * catching its failure, once its retries are spent, in a {@link Result}:
  //  * runs nothing until the workflow runs.
  //  */
  // public static Workflow<Result<Integer>> parse(String text) {
  //   return PARSE.call(Workflow.of(text));
  // }
  //
  // and for a continuation, Workflow<Integer> factorial(int n), typed as if it returned Integer:
  //
  // /**
  //  * Builds a task of {@link Math#factorial(int)},
  //  * whose result is that of the workflow the method returns:
  //  * runs nothing until the workflow runs.
  //  */
  // public static Workflow<Integer> factorial(int n) {
  //   return FACTORIAL.call(Workflow.of(n));
  // }
  //
  // and for double train(int epochs, Checkpointer<TrainingState> checkpoint), without the
  // Checkpointer:
  //
  // /**
  //  * Builds a task of {@link Training#train(int, Checkpointer)},
  //  * with its {@link Checkpointer} supplied by the runtime:
  //  * runs nothing until the workflow runs.
  //  */
  // public static Workflow<Double> train(int epochs) {
  //   return TRAIN.call(Workflow.of(epochs));
  // }
  private MethodSpec valueBuilder(
      StepClassModel model, StepModel step, String constant, List<String> paramNames) {
    MethodSpec.Builder method =
        start(step)
            .addJavadoc(
                javadoc(
                    step,
                    CodeBlock.of(
                        "Builds a task of {@link $T#$L($L)}$L:\nruns nothing until the workflow runs.\n",
                        model.stepClass(),
                        step.methodName(),
                        erasures(step),
                        qualifiers(step)),
                    paramNames));
    List<ParamModel.Input> params = step.inputs();
    List<CodeBlock> inputs = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      method.addParameter(ParameterSpec.builder(params.get(i).type(), paramNames.get(i)).build());
      inputs.add(CodeBlock.of("$T.of($N)", WORKFLOW, paramNames.get(i)));
    }
    if (step.varargs()) {
      // A varargs array is always an input, and the method's last parameter: the builder's too.
      method.varargs(true);
      if (params.get(params.size() - 1).uncheckedCast()) {
        // The array is only handed on, never written to, so a generic varargs array is safe.
        method.addAnnotation(SafeVarargs.class);
      }
    }
    return method
        .addStatement(
            "return $T.$N.call($L)", model.moduleClass(), constant, CodeBlock.join(inputs, ", "))
        .build();
  }

  // /**
  //  * Builds a task of {@link Pipeline#readData(int)},
  //  * each input the result of another workflow (use {@link Workflow#of} for a constant):
  //  * runs nothing until the workflow runs.
  //  */
  // public static Workflow<List<Integer>> readData(Workflow<? extends Integer> num) {
  //   return Pipeline_WaymarkModule.READ_DATA.call(num);
  // }
  private MethodSpec workflowBuilder(
      StepClassModel model, StepModel step, String constant, List<String> paramNames) {
    MethodSpec.Builder method =
        start(step)
            .addJavadoc(
                javadoc(
                    step,
                    CodeBlock.of(
                        "Builds a task of {@link $T#$L($L)}$L,\n"
                            + "each input the result of another workflow"
                            + " (use {@link $T#of} for a constant):\n"
                            + "runs nothing until the workflow runs.\n",
                        model.stepClass(),
                        step.methodName(),
                        erasures(step),
                        qualifiers(step),
                        WORKFLOW),
                    paramNames));
    List<ParamModel.Input> params = step.inputs();
    List<CodeBlock> inputs = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      // "? extends": a Workflow<ArrayList<X>> may feed a List<X> parameter.
      TypeName input =
          ParameterizedTypeName.get(
              WORKFLOW, WildcardTypeName.subtypeOf(params.get(i).type().box()));
      method.addParameter(input, paramNames.get(i));
      inputs.add(CodeBlock.of("$N", paramNames.get(i)));
    }
    return method
        .addStatement(
            "return $T.$N.call($L)", model.moduleClass(), constant, CodeBlock.join(inputs, ", "))
        .build();
  }

  /**
   * A builder's Javadoc: the step's own description first, then what the builder does, the options
   * the step's annotations set, and the step's own {@code @param} texts under the builder's names.
   */
  private static CodeBlock javadoc(StepModel step, CodeBlock summary, List<String> paramNames) {
    CodeBlock.Builder doc = CodeBlock.builder();
    if (!step.doc().description().isEmpty()) {
      doc.add("$L\n\n<p>", step.doc().description());
    }
    doc.add(summary);
    if (!step.options().isEmpty()) {
      doc.add("\n<p>Options:\n$L.\n", StepOptionsWriter.describe(step.options()));
    }
    List<ParamModel.Input> inputs = step.inputs();
    boolean first = true;
    for (int i = 0; i < inputs.size(); i++) {
      String text = step.doc().params().get(inputs.get(i).name());
      if (text != null) {
        doc.add(first ? "\n@param $L $L\n" : "@param $L $L\n", paramNames.get(i), text);
        first = false;
      }
    }
    return doc.build();
  }

  private static MethodSpec.Builder start(StepModel step) {
    return MethodSpec.methodBuilder(step.stepName())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(ParameterizedTypeName.get(WORKFLOW, resultType(step)));
  }

  /**
   * What the Javadoc adds for a continuation, for a step that catches exceptions and for one with
   * parameters that the runtime supplies, so that a result type that differs from the method's, or
   * parameters that the builders lack, are explained.
   */
  private static CodeBlock qualifiers(StepModel step) {
    CodeBlock.Builder text = CodeBlock.builder();
    if (step.continuation()) {
      text.add(",\nwhose result is that of the workflow the method returns");
    }
    if (step.catchExceptions()) {
      text.add(",\ncatching its failure, once its retries are spent, in a {@link $T}", RESULT);
    }
    List<CodeBlock> supplied =
        step.params().stream()
            .filter(param -> !(param instanceof ParamModel.Input))
            .map(param -> CodeBlock.of("{@link $L}", javadocOnly(param)))
            .toList();
    if (!supplied.isEmpty()) {
      // Not "whose": after the catching clause, it would read as if the Result had them.
      text.add(",\nwith its $L supplied by the runtime", CodeBlock.join(supplied, " and "));
    }
    return text.build();
  }

  /**
   * The parameter list of a Javadoc link to the step method, {@code Pipeline.Point, int[]}: all of
   * them, those the runtime supplies too, or the link would name no method.
   */
  private static CodeBlock erasures(StepModel step) {
    return step.params().stream()
        .map(
            param ->
                param instanceof ParamModel.Input
                    ? CodeBlock.of("$T", param.erasure())
                    : CodeBlock.of("$L", javadocOnly(param)))
        .collect(CodeBlock.joining(", "));
  }

  /**
   * A supplied parameter's type, fully qualified: the builders' code never names it, so an import
   * for the Javadoc alone is one that ECJ reports as unused.
   */
  private static String javadocOnly(ParamModel param) {
    return ((ClassName) param.erasure()).canonicalName();
  }
}
