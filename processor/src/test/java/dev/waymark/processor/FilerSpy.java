package dev.waymark.processor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Runs a {@link StepProcessor} and records the source files it creates, because compile-testing
 * hides generated files once a compilation has failed, and tests must show that a class with errors
 * generates nothing while the others still do.
 */
final class FilerSpy implements Processor {
  private final Processor delegate = new StepProcessor();
  private final List<String> createdSources = new ArrayList<>();

  /** The qualified names passed to {@code Filer.createSourceFile}, in order. */
  List<String> createdSources() {
    return createdSources;
  }

  @Override
  public void init(ProcessingEnvironment env) {
    Filer filer = env.getFiler();
    Filer spy =
        proxy(
            Filer.class,
            (method, args) -> {
              if (method.getName().equals("createSourceFile")) {
                createdSources.add(args[0].toString());
              }
              return method.invoke(filer, args);
            });
    delegate.init(
        proxy(
            ProcessingEnvironment.class,
            (method, args) ->
                method.getName().equals("getFiler") ? spy : method.invoke(env, args)));
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    return delegate.process(annotations, round);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return delegate.getSupportedOptions();
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return delegate.getSupportedAnnotationTypes();
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return delegate.getSupportedSourceVersion();
  }

  @Override
  public Iterable<? extends Completion> getCompletions(
      Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
    return delegate.getCompletions(element, annotation, member, userText);
  }

  /** One intercepted method call, forwarded or answered by the spy. */
  private interface Call {
    Object invoke(Method method, Object[] args) throws Exception;
  }

  private static <T> T proxy(Class<T> type, Call call) {
    return type.cast(
        Proxy.newProxyInstance(
            FilerSpy.class.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              try {
                return call.invoke(method, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            }));
  }
}
