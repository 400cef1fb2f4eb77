package dev.waymark.processor.writer;

import static dev.waymark.processor.writer.RuntimeTypes.GENERATED;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.waymark.processor.model.StepClassModel;
import dev.waymark.processor.model.StepModel;
import javax.lang.model.element.Modifier;

/**
 * Writes the {@code *Steps} class of one {@link StepClassModel}: the typed builder methods, and
 * nothing else, so that {@code PipelineSteps.} completes to the steps alone. The step definitions
 * they call live in the sibling module class ({@link ModuleClassWriter}).
 */
public final class StepsClassWriter {
  private static final String PROCESSOR = "dev.waymark.processor.StepProcessor";

  private final BuilderWriter builders = new BuilderWriter();

  // @Generated("dev.waymark.processor.StepProcessor")
  // public final class PipelineSteps {
  //   private PipelineSteps() {}
  //   <builders, for the highest version of each step>
  // }
  public GeneratedSource write(StepClassModel model) {
    GeneratedNames names = new GeneratedNames(model);
    TypeSpec.Builder type =
        TypeSpec.classBuilder(model.generatedClass())
            .addJavadoc(
                "Workflow builders for the {@code @Step} methods of {@link $T}.\n",
                model.stepClass())
            .addAnnotation(
                AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL);
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    for (StepModel step : model.steps()) {
      if (step.latest()) {
        type.addMethods(builders.builders(model, step, names.constant(step), names.allocator()));
      }
    }
    // java.lang imports are noise a person would never write.
    return GeneratedSource.of(
        JavaFile.builder(model.generatedClass().packageName(), type.build())
            .skipJavaLangImports(true)
            .build());
  }
}
