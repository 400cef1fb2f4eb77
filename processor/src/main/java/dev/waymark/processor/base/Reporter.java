package dev.waymark.processor.base;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The single way the processor reports diagnostics, so that every message comes from the {@link
 * Message} catalogue and callers can tell whether a stage added errors.
 */
public final class Reporter {
  private final Messager messager;
  private int errorCount;

  public Reporter(Messager messager) {
    this.messager = messager;
  }

  /** Reports an error on {@code element}. */
  public void error(Element element, Message message, Object... args) {
    errorCount++;
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element);
  }

  /** Reports an error on an annotation, so that the IDE underlines it rather than the element. */
  public void error(Element element, AnnotationMirror annotation, Message message, Object... args) {
    errorCount++;
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element, annotation);
  }

  /**
   * Reports an error on one value of an annotation, so that the IDE underlines that value rather
   * than the whole element.
   */
  public void error(
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      Message message,
      Object... args) {
    errorCount++;
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element, annotation, value);
  }

  /** Reports an error that belongs to no element, such as a failure to write an aggregate file. */
  public void error(Message message, Object... args) {
    errorCount++;
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(args));
  }

  /** The number of errors reported so far; compare two readings to see whether a stage failed. */
  public int errorCount() {
    return errorCount;
  }
}
