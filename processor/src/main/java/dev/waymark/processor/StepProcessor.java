package dev.waymark.processor;

import com.google.auto.service.AutoService;
import dev.waymark.processor.base.Message;
import dev.waymark.processor.base.Reporter;
import dev.waymark.processor.model.StepClassModel;
import dev.waymark.processor.validation.CheckpointValidator;
import dev.waymark.processor.validation.StepValidator;
import dev.waymark.processor.writer.GeneratedSource;
import dev.waymark.processor.writer.ModuleClassWriter;
import dev.waymark.processor.writer.ModuleServiceFile;
import dev.waymark.processor.writer.StepsClassWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Generated;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Generates, for each class with {@code @Step} methods, a {@code <Class>Steps} class of typed
 * workflow builders, invokers and checkpoint serializers, plus the service file that lists them.
 *
 * <p>Each class goes through three stages: {@link StepValidator} turns its elements into an
 * immutable model or reports why not, {@link StepsClassWriter} turns the model into code, and this
 * class writes the result through the {@code Filer}.
 */
@AutoService(Processor.class)
public final class StepProcessor extends AbstractProcessor {
  private static final String STEP_ANNOTATION = "dev.waymark.annotations.Step";
  private static final String CHECKPOINT_ANNOTATION = "dev.waymark.annotations.Checkpoint";
  private static final String GENERATED_ANNOTATION = "javax.annotation.processing.Generated";

  /** Classes waiting for types that a later round may generate, by canonical name. */
  private final Set<String> deferred = new LinkedHashSet<>();

  /** The binary names of the modules generated so far in this compilation, for the service file. */
  private final List<String> modules = new ArrayList<>();

  private final Consumer<TypeElement> beforeEachClass;
  private Reporter reporter;
  private StepValidator validator;
  private CheckpointValidator checkpointValidator;
  private final StepsClassWriter writer = new StepsClassWriter();
  private final ModuleClassWriter moduleWriter = new ModuleClassWriter();

  /** The processor as javac's service loader creates it. */
  public StepProcessor() {
    this(stepClass -> {});
  }

  /** For tests: runs {@code beforeEachClass} first on every class, to reach the failure path. */
  StepProcessor(Consumer<TypeElement> beforeEachClass) {
    this.beforeEachClass = beforeEachClass;
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    reporter = new Reporter(env.getMessager());
    validator = new StepValidator(env.getElementUtils(), env.getTypeUtils(), reporter);
    checkpointValidator = new CheckpointValidator(reporter);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    // Generated too, so that the classes written here can be claimed in the next round.
    return Set.of(STEP_ANNOTATION, CHECKPOINT_ANNOTATION, GENERATED_ANNOTATION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latest();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<TypeElement> stepClasses = new LinkedHashSet<>();
    // Deferred classes are looked up again: elements of an earlier round must not be reused.
    for (String name : deferred) {
      Optional.ofNullable(processingEnv.getElementUtils().getTypeElement(name))
          .ifPresent(stepClasses::add);
    }
    deferred.clear();
    TypeElement step = processingEnv.getElementUtils().getTypeElement(STEP_ANNOTATION);
    if (step != null) {
      for (Element method : round.getElementsAnnotatedWith(step)) {
        if (method.getEnclosingElement() instanceof TypeElement) {
          stepClasses.add((TypeElement) method.getEnclosingElement());
        }
      }
    }
    for (TypeElement stepClass : stepClasses) {
      processClass(stepClass, round.processingOver());
    }
    TypeElement checkpoint = processingEnv.getElementUtils().getTypeElement(CHECKPOINT_ANNOTATION);
    if (checkpoint != null) {
      // Each element comes once, in the round that created it: nothing here waits for types.
      for (Element method : round.getElementsAnnotatedWith(checkpoint)) {
        checkCheckpoint(method);
      }
    }
    if (round.processingOver() && !modules.isEmpty()) {
      writeServiceFile();
    }
    // Claimed, as a -Xlint:all -Werror build fails on unclaimed annotations: @Step and @Checkpoint
    // are Waymark's alone, and @Generated when every class that carries it is one written here.
    return onlyOurs(round.getElementsAnnotatedWith(Generated.class));
  }

  private static boolean onlyOurs(Set<? extends Element> generated) {
    String us = StepProcessor.class.getName();
    return generated.stream()
        .allMatch(
            element -> Arrays.asList(element.getAnnotation(Generated.class).value()).contains(us));
  }

  private void processClass(TypeElement stepClass, boolean lastRound) {
    try {
      beforeEachClass.accept(stepClass);
      if (!lastRound && validator.hasMissingTypes(stepClass)) {
        // On the last round the validator reports what is still missing, once.
        deferred.add(stepClass.getQualifiedName().toString());
        return;
      }
      Optional<StepClassModel> model = validator.validate(stepClass);
      if (model.isPresent()) {
        write(writer.write(model.get()), stepClass);
        write(moduleWriter.write(model.get()), stepClass);
        modules.add(model.get().moduleBinaryName());
      }
    } catch (RuntimeException | LinkageError | AssertionError e) {
      internalError(stepClass, stepClass.getQualifiedName(), e);
    }
  }

  private void checkCheckpoint(Element method) {
    try {
      checkpointValidator.validate(method);
    } catch (RuntimeException | LinkageError | AssertionError e) {
      internalError(method, "@Checkpoint on " + method.getEnclosingElement() + "." + method, e);
    }
  }

  /** Never lets an exception escape to javac, where it would hide the user's other errors. */
  private void internalError(Element element, Object subject, Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    reporter.error(element, Message.INTERNAL_ERROR, subject, e, trace);
  }

  private void write(GeneratedSource source, TypeElement stepClass) {
    try {
      // The step class is the only originating element: each file depends on nothing else.
      JavaFileObject file =
          processingEnv.getFiler().createSourceFile(source.qualifiedName(), stepClass);
      try (Writer out = file.openWriter()) {
        out.write(source.code());
      }
    } catch (IOException e) {
      reporter.error(stepClass, Message.STEP_WRITE_FAILED, source.qualifiedName(), e.getMessage());
    }
  }

  private void writeServiceFile() {
    try {
      // Aggregating: written once, at the end, from every round's modules, and from the modules an
      // earlier compilation into the same output listed: an incremental compile of some classes
      // must not drop the others. An entry whose class was deleted since is skipped at run time.
      List<String> all = new ArrayList<>(modules);
      all.addAll(existingServiceEntries());
      FileObject file =
          processingEnv
              .getFiler()
              .createResource(StandardLocation.CLASS_OUTPUT, "", ModuleServiceFile.PATH);
      try (Writer out = file.openWriter()) {
        out.write(ModuleServiceFile.content(all));
      }
    } catch (IOException e) {
      reporter.error(Message.STEP_WRITE_FAILED, ModuleServiceFile.PATH, e.getMessage());
    }
  }

  /** The entries of the service file already in the class output, if there is one. */
  private List<String> existingServiceEntries() {
    try {
      FileObject existing =
          processingEnv
              .getFiler()
              .getResource(StandardLocation.CLASS_OUTPUT, "", ModuleServiceFile.PATH);
      return ModuleServiceFile.entries(existing.getCharContent(true).toString());
    } catch (IOException | IllegalArgumentException e) {
      return List.of(); // none yet: a first or clean build
    }
  }
}
