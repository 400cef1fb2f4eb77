package dev.waymark.processor.model;

import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * One valid {@code @Step} method.
 *
 * @param methodName the Java method to call
 * @param stepName the step's name: the builder methods' name and the task name
 * @param id the stable identity, {@code binaryName#stepName}, and {@code @version} after it from
 *     version 2 on
 * @param isStatic whether the method is static; otherwise it runs on the shared instance
 * @param params the parameters, in declaration order, those the runtime supplies included
 * @param outputType what the step produces: the declared return type, {@link TypeName#VOID} for
 *     {@code void}, or {@code T} for a continuation
 * @param continuation whether the method returns a {@code Workflow<T>}, which the runtime runs in
 *     the step's place so that its result becomes the step's; the step's builders and definition
 *     are typed with {@code T}, as if the method returned it
 * @param varargs whether the last parameter is a varargs array, kept so that builders read alike
 * @param options the options of the step's annotations that differ from their defaults
 * @param catchExceptions whether the step's failure is caught into a {@code Result}, which changes
 *     the type of its workflows
 * @param version the step's version, 1 unless its annotation says otherwise
 * @param latest whether this is the highest version of its name, which alone gets builders: older
 *     versions only finish workflows recorded with them
 * @param doc the method's own Javadoc, which its builders repeat
 */
public record StepModel(
    String methodName,
    String stepName,
    String id,
    boolean isStatic,
    List<ParamModel> params,
    TypeName outputType,
    boolean continuation,
    boolean varargs,
    StepOptionsModel options,
    boolean catchExceptions,
    int version,
    boolean latest,
    StepDoc doc) {

  public StepModel {
    params = List.copyOf(params);
  }

  /**
   * The parameters that callers pass, in order: what the builders take, what the definition's arity
   * counts and what the invoker's arguments hold.
   */
  public List<ParamModel.Input> inputs() {
    return params.stream()
        .filter(ParamModel.Input.class::isInstance)
        .map(ParamModel.Input.class::cast)
        .toList();
  }

  /** Whether the method returns nothing, so that its workflows produce {@code Void}. */
  public boolean returnsVoid() {
    return outputType.equals(TypeName.VOID);
  }
}
