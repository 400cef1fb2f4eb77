package dev.waymark.processor.validation;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import dev.waymark.processor.base.Message;
import dev.waymark.processor.base.Reporter;
import dev.waymark.processor.model.CheckpointType;
import dev.waymark.processor.model.ParamModel;
import dev.waymark.processor.model.StepClassModel;
import dev.waymark.processor.model.StepModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Validates the {@code @Step} methods of one class into a {@link StepClassModel}, reporting every
 * problem found rather than stopping at the first.
 */
public final class StepValidator {
  private final Elements elements;
  private final Types types;
  private final Reporter reporter;
  private final TypeAccess access;
  private final ClassAccessRule classAccess;
  private final InstanceRule instanceRule;
  private final GenericSignatureRule genericRule = new GenericSignatureRule();
  private final StepNameRule nameRule = new StepNameRule();
  private final DuplicateNameRule duplicateNames;
  private final SerializableTypeRule typeRule;
  private final ContinuationRule continuationRule;
  private final RetryRule retryRule;
  private final ResourceRule resourceRule;
  private final MetadataRule metadataRule;
  private final SuppliedParamRule suppliedParams;
  private final TypeMirror exception;
  private final TypeMirror error;

  public StepValidator(Elements elements, Types types, Reporter reporter) {
    this.elements = elements;
    this.types = types;
    this.reporter = reporter;
    this.access = new TypeAccess(elements);
    this.classAccess = new ClassAccessRule(access, reporter);
    this.instanceRule = new InstanceRule(elements, types);
    this.duplicateNames = new DuplicateNameRule(reporter);
    this.typeRule = new SerializableTypeRule(types, access);
    this.continuationRule = new ContinuationRule(reporter);
    this.retryRule = new RetryRule(reporter);
    this.resourceRule = new ResourceRule(reporter);
    this.metadataRule = new MetadataRule(reporter);
    this.suppliedParams = new SuppliedParamRule(reporter);
    this.exception = elements.getTypeElement("java.lang.Exception").asType();
    this.error = elements.getTypeElement("java.lang.Error").asType();
  }

  /**
   * Whether the class's step signatures refer to types that do not exist (yet); validating such a
   * class before the last round would report errors that a later round may fix.
   */
  public boolean hasMissingTypes(TypeElement stepClass) {
    return MissingTypes.anyIn(StepMethod.in(stepClass));
  }

  /** The model of the class's steps, or empty when any of them had an error (all reported). */
  public Optional<StepClassModel> validate(TypeElement stepClass) {
    int errorsBefore = reporter.errorCount();
    ClassName stepClassName = ClassName.get(stepClass);
    String flatName = String.join("_", stepClassName.simpleNames());
    ClassName generated = ClassName.get(stepClassName.packageName(), flatName + "Steps");
    ClassName module =
        ClassName.get(stepClassName.packageName(), flatName + StepClassModel.MODULE_SUFFIX);
    classAccess.check(stepClass, generated.simpleName());

    List<StepMethod> methods = StepMethod.in(stepClass);
    boolean anyInstanceStep =
        methods.stream().anyMatch(m -> !m.method().getModifiers().contains(Modifier.STATIC));
    Optional<String> whyNoInstance =
        anyInstanceStep && !stepClass.getKind().isInterface()
            ? instanceRule.whyNot(stepClass)
            : Optional.empty();
    String binaryName = elements.getBinaryName(stepClass).toString();
    ClassContext context = new ClassContext(stepClass, generated, binaryName, whyNoInstance);

    Map<TypeName, CheckpointType> found = new LinkedHashMap<>();
    Map<String, Integer> latest = new HashMap<>();
    for (StepMethod method : methods) {
      latest.merge(method.stepName(), method.version(), Math::max);
    }
    List<StepModel> steps = new ArrayList<>();
    List<StepMethod> validlyNamed = new ArrayList<>();
    for (StepMethod method : methods) {
      if (checkName(method)) {
        validlyNamed.add(method);
      }
      boolean isLatest = latest.get(method.stepName()) == method.version();
      validateMethod(method, context, found, isLatest).ifPresent(steps::add);
    }
    duplicateNames.check(validlyNamed);

    if (reporter.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(
        new StepClassModel(
            stepClassName,
            instanceType(stepClass, stepClassName),
            binaryName,
            generated,
            module,
            steps,
            new ArrayList<>(found.values())));
  }

  /** What every method's checks need to know about its class. */
  private record ClassContext(
      TypeElement type, ClassName generated, String binaryName, Optional<String> whyNoInstance) {}

  private Optional<StepModel> validateMethod(
      StepMethod step, ClassContext context, Map<TypeName, CheckpointType> found, boolean latest) {
    int errorsBefore = reporter.errorCount();
    ExecutableElement method = step.method();
    String name = step.methodName();
    if (step.version() < 1) {
      step.error(reporter, step.versionValue(), Message.STEP_INVALID_VERSION, step.version(), name);
    }
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.error(method, Message.STEP_PRIVATE, name, context.generated().simpleName());
    }
    boolean isStatic = method.getModifiers().contains(Modifier.STATIC);
    if (context.type().getKind().isInterface()) {
      String where = "is declared in interface " + TypeText.of(context.type());
      reporter.error(method, Message.STEP_ABSTRACT, name, where);
    } else if (method.getModifiers().contains(Modifier.ABSTRACT)) {
      reporter.error(method, Message.STEP_ABSTRACT, name, "is abstract");
    } else if (!isStatic && context.whyNoInstance().isPresent()) {
      reporter.error(
          method,
          Message.STEP_NO_INSTANCE,
          name,
          TypeText.of(context.type()),
          context.whyNoInstance().get());
    }
    checkThrows(method);
    suppliedParams.checkDuplicates(method, name);
    Optional<String> generic = genericRule.problem(method);
    generic.ifPresent(problem -> reporter.error(method, Message.STEP_GENERIC, name, problem));
    Optional<ContinuationRule.Output> output = Optional.empty();
    if (generic.isEmpty()) {
      // Type variables make every later type check meaningless, so only concrete types get here.
      for (VariableElement param : method.getParameters()) {
        checkParam(param, name, context, found);
      }
      output = continuationRule.outputOf(method, name);
      if (output.isPresent() && output.get().type().getKind() != TypeKind.VOID) {
        // A continuation's checkpoint holds what its workflow produces, so that is what is checked.
        TypeMirror type = output.get().type();
        checkType(
            method, Role.OUTPUT, "return type", name, type, method.getReturnType(), context, found);
      }
    }
    retryRule.check(step);
    resourceRule.check(step);
    metadataRule.check(step);
    if (reporter.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    List<ParamModel> params = new ArrayList<>();
    for (VariableElement param : method.getParameters()) {
      params.add(paramModel(param));
    }
    return Optional.of(
        new StepModel(
            name,
            step.stepName(),
            context.binaryName()
                + "#"
                + step.stepName()
                + (step.version() == 1 ? "" : "@" + step.version()),
            isStatic,
            params,
            TypeName.get(output.orElseThrow().type()),
            output.orElseThrow().continuation(),
            method.isVarArgs(),
            StepOptionsReader.read(step),
            StepOptionsReader.catchExceptions(step),
            step.version(),
            latest,
            StepDocReader.read(elements.getDocComment(method))));
  }

  /** Reports a step name that cannot name a builder method; true when the name is usable. */
  private boolean checkName(StepMethod step) {
    // Builders take the inputs only: a step of a Checkpointer alone gets a builder of none.
    Optional<String> problem =
        nameRule.problem(step.stepName(), SuppliedParamRule.inputCount(step.method()));
    if (problem.isEmpty()) {
      return true;
    }
    Object[] args = {step.stepName(), step.methodName(), problem.get()};
    if (step.hasNameValue()) {
      reporter.error(
          step.method(),
          step.annotation(),
          step.explicitName().get(),
          Message.STEP_INVALID_NAME,
          args);
    } else {
      reporter.error(step.method(), Message.STEP_INVALID_NAME, args);
    }
    return false;
  }

  /** Invokers may throw any Exception; a declared Throwable that is neither cannot pass them. */
  private void checkThrows(ExecutableElement method) {
    for (TypeMirror thrown : method.getThrownTypes()) {
      if (thrown.getKind() == TypeKind.DECLARED
          && !types.isSubtype(thrown, exception)
          && !types.isSubtype(thrown, error)) {
        reporter.error(
            method, Message.STEP_THROWS_THROWABLE, method.getSimpleName(), TypeText.of(thrown));
      }
    }
  }

  /**
   * Checks an input's type, or the state type of a {@code Checkpointer}, which the runtime stores
   * as it stores inputs; a {@code StepContext} is never stored.
   */
  private void checkParam(
      VariableElement param,
      String methodName,
      ClassContext context,
      Map<TypeName, CheckpointType> found) {
    String subject = SuppliedParamRule.subject(param);
    TypeMirror type = param.asType();
    switch (SuppliedParamRule.kindOf(type)) {
      case INPUT:
        checkType(param, Role.INPUT, subject, methodName, type, type, context, found);
        break;
      case CHECKPOINTER:
        suppliedParams
            .stateType(param, methodName)
            .ifPresent(
                state ->
                    checkType(param, Role.STATE, subject, methodName, state, type, context, found));
        break;
      case CONTEXT:
        break; // never stored
    }
  }

  private ParamModel paramModel(VariableElement param) {
    String name = param.getSimpleName().toString();
    TypeMirror type = param.asType();
    TypeName erasure = TypeName.get(types.erasure(type));
    switch (SuppliedParamRule.kindOf(type)) {
      case CHECKPOINTER:
        TypeMirror state = SuppliedParamRule.stateTypeOf(type).orElseThrow();
        return new ParamModel.Checkpointer(name, erasure, TypeName.get(state));
      case CONTEXT:
        return new ParamModel.Context(name, erasure);
      default:
        return new ParamModel.Input(
            name, TypeName.get(type), erasure, SerializableTypeRule.needsUncheckedCast(type));
    }
  }

  /** What a checked type is to the step, which decides what a message about it says to do. */
  private enum Role {
    INPUT,
    /** {@code S} of a {@code Checkpointer<S>} parameter. */
    STATE,
    OUTPUT
  }

  /**
   * Checks one parameter type, the state type of a {@code Checkpointer}, or what a step produces,
   * which may be part of the {@code declared} return type of a continuation; {@code declared} is
   * also the {@code Checkpointer<S>} around a state type.
   */
  private void checkType(
      Element where,
      Role role,
      String subject,
      String methodName,
      TypeMirror type,
      TypeMirror declared,
      ClassContext context,
      Map<TypeName, CheckpointType> found) {
    String pkg = context.generated().packageName();
    typeRule
        .check(type, declared, pkg, found)
        .ifPresent(
            problem -> {
              if (role == Role.STATE
                  && (problem.kind() == SerializableTypeRule.Kind.NOT_SERIALIZABLE
                      || problem.kind() == SerializableTypeRule.Kind.WORKFLOW)) {
                // A state is saved by the step itself: neither an input's fix nor a result's fits.
                reporter.error(
                    where,
                    Message.STEP_CHECKPOINTER_TYPE,
                    subject,
                    methodName,
                    "has a state type that Waymark cannot checkpoint: " + problem.detail());
                return;
              }
              switch (problem.kind()) {
                case WORKFLOW:
                  // Only a whole return type may be a Workflow; what to do instead differs.
                  if (role == Role.INPUT) {
                    reporter.error(
                        where, Message.STEP_WORKFLOW_TYPE, subject, methodName, problem.detail());
                  } else {
                    reporter.error(
                        where, Message.STEP_WORKFLOW_IN_RESULT, methodName, problem.detail());
                  }
                  break;
                case NOT_ACCESSIBLE:
                  reporter.error(
                      where,
                      Message.STEP_TYPE_NOT_ACCESSIBLE,
                      subject,
                      methodName,
                      problem.detail(),
                      context.generated().simpleName(),
                      pkg.isEmpty() ? "(unnamed)" : pkg);
                  break;
                case MISSING:
                  reporter.error(
                      where, Message.STEP_TYPE_MISSING, subject, methodName, problem.detail());
                  break;
                default:
                  reporter.error(
                      where,
                      Message.STEP_TYPE_NOT_SERIALIZABLE,
                      subject,
                      methodName,
                      problem.detail());
              }
            });
  }

  /**
   * The step class itself, or with {@code <?>} arguments when generic so that no raw type leaks.
   */
  private static TypeName instanceType(TypeElement stepClass, ClassName name) {
    int arity = stepClass.getTypeParameters().size();
    if (arity == 0) {
      return name;
    }
    TypeName[] wildcards =
        Collections.nCopies(arity, WildcardTypeName.subtypeOf(Object.class))
            .toArray(new TypeName[0]);
    return ParameterizedTypeName.get(name, wildcards);
  }
}
