package dev.waymark.processor.base;

/**
 * The catalogue of every diagnostic the processor emits, each with a stable id that users can
 * search for and tests can assert on.
 *
 * <p>Every text names the subject, says what is wrong and how to fix it. Ids never change once
 * released; texts may be improved.
 */
public enum Message {
  STEP_PRIVATE(
      "StepPrivate",
      "@Step method '%s' must not be private: the generated %s calls it; make it package-private"
          + " or public"),

  STEP_ABSTRACT(
      "StepAbstract",
      "@Step method '%s' %s, so there is no code for the step to run; put @Step on a concrete"
          + " method of a class"),

  STEP_NO_INSTANCE(
      "StepNoInstance",
      "@Step method '%s' is an instance method, but the generated code cannot create an instance"
          + " of %s: %s; make the method static, or give the class an accessible no-argument"
          + " constructor"),

  STEP_GENERIC(
      "StepGeneric",
      "@Step method '%s' %s, but a step's inputs and result must have concrete types to be"
          + " checkpointed; replace the type variables with concrete types"),

  STEP_THROWS_THROWABLE(
      "StepThrowsThrowable",
      "@Step method '%s' declares 'throws %s', which a step invoker cannot rethrow; declare"
          + " Exception or a subclass of it instead"),

  STEP_CLASS_NOT_ACCESSIBLE(
      "StepClassNotAccessible",
      "%s, which declares or encloses @Step methods, is %s, so the generated %s cannot call them;"
          + " %s"),

  STEP_TYPE_NOT_SERIALIZABLE(
      "StepTypeNotSerializable",
      "%s of @Step method '%s' has a type that Waymark cannot checkpoint: %s; use primitives and"
          + " their boxes, String, enums, records, arrays, or List/Set/Map/Optional of those"),

  STEP_WORKFLOW_TYPE(
      "StepWorkflowType",
      "%s of @Step method '%s' has type %s, but a step's parameters take plain values; declare"
          + " the type of the value instead: callers can still pass a Workflow to the generated"
          + " builder, and combine several with Workflow.all(...)"),

  STEP_WORKFLOW_IN_RESULT(
      "StepWorkflowInResult",
      "return type of @Step method '%s' has type %s, but a step's result is checkpointed, and a"
          + " checkpoint cannot hold a Workflow; return a single Workflow instead, whose result"
          + " becomes the step's: Workflow.all(...) turns several into a Workflow of a List"),

  STEP_NESTED_WORKFLOW(
      "StepNestedWorkflow",
      "return type of @Step method '%s' is %s, but the result of the workflow a step returns"
          + " becomes the step's checkpointed result, which cannot be another Workflow; return %s:"
          + " the workflow you return may itself call steps that return workflows"),

  STEP_RAW_WORKFLOW(
      "StepRawWorkflow",
      "return type of @Step method '%s' is %s, which does not say what the returned workflow"
          + " produces; declare Workflow<T> with the type T of its result, which the generated"
          + " builders produce and the step's checkpoint holds"),

  STEP_CHECKPOINTER_TYPE(
      "StepCheckpointerType",
      "%s of @Step method '%s' %s; the runtime stores the state the step saves, so declare"
          + " Checkpointer<S> with a type S that Waymark can checkpoint: boxed primitives, String,"
          + " enums, records, arrays, or List/Set/Map/Optional of those"),

  STEP_DUPLICATE_CONTEXT(
      "StepDuplicateContext",
      "%s of @Step method '%s' is a second %s, but the runtime supplies a step with one, which"
          + " parameter '%s' already receives; remove one of the two parameters"),

  STEP_TYPE_NOT_ACCESSIBLE(
      "StepTypeNotAccessible",
      "%s of @Step method '%s' uses %s, so the generated %s cannot name it; make it public, or"
          + " package-private in package %s"),

  STEP_TYPE_MISSING(
      "StepTypeMissing",
      "%s of @Step method '%s' uses type %s, which could not be found; fix the errors reported"
          + " for it, or the processor that should generate it"),

  STEP_DUPLICATE_NAME(
      "StepDuplicateName",
      "step name '%s'%s of @Step method %s is already used by method %s of the same class, but a"
          + " step's name and version identify it in stored workflows; give one of them another"
          + " name with @Step(name = \"...\"), or, for a new version of the step, another"
          + " @Step(version = ...)"),

  STEP_INVALID_VERSION(
      "StepInvalidVersion",
      "version %d of @Step method '%s' is not a version: versions start at 1; leave it out for"
          + " the first version of a step, and raise it when a new signature must coexist with"
          + " workflows recorded with the old one"),

  STEP_INVALID_NAME(
      "StepInvalidName",
      "step name '%s' of @Step method '%s' %s; the generated builder method is named after the"
          + " step, so choose another @Step(name = \"...\")"),

  STEP_NEGATIVE_RETRIES(
      "StepNegativeRetries",
      "maxRetries of @Step method '%s' is %d, but a step cannot be retried a negative number of"
          + " times; use 0 for no retries, or a positive number"),

  STEP_INVALID_BACKOFF(
      "StepInvalidBackoff",
      "backoff of @Step method '%s' is invalid: %s; use 0 <= delayMillis <= maxDelayMillis and a"
          + " finite multiplier of at least 1"),

  STEP_INVALID_RESOURCES("StepInvalidResources", "%s of @Step method '%s' %s; %s"),

  STEP_INVALID_METADATA(
      "StepInvalidMetadata",
      "metadata entry \"%s\" of @Step method '%s' %s; write each entry as \"key=value\" with a"
          + " non-empty key, and each key once"),

  CHECKPOINT_WITHOUT_STEP(
      "CheckpointWithoutStep",
      "@Checkpoint on method '%s' has no effect because the method is not a @Step; add @Step to"
          + " the method, or remove @Checkpoint"),

  STEP_WRITE_FAILED(
      "StepWriteFailed",
      "could not write the generated %s: %s; if a class or file of that name already exists in"
          + " the compilation, rename it"),

  INTERNAL_ERROR(
      "InternalError",
      "the Waymark processor failed on %s: %s; this is a bug in Waymark, please report it with"
          + " this stack trace:%n%s");

  private final String id;
  private final String template;

  Message(String id, String template) {
    this.id = id;
    this.template = template;
  }

  /** The stable id, without brackets. */
  public String id() {
    return id;
  }

  /** The full text, {@code [Id] ...}, with {@code args} filled into the template. */
  public String format(Object... args) {
    return "[" + id + "] " + String.format(template, args);
  }
}
