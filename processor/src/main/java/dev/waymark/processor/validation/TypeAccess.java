package dev.waymark.processor.validation;

import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Decides whether generated code in a given package can name a type; the generated class is never a
 * subclass of anything the user wrote, so protected access does not help it.
 */
final class TypeAccess {
  private final Elements elements;

  TypeAccess(Elements elements) {
    this.elements = elements;
  }

  /** Why the type or one of its enclosing types cannot be named from that package, if so. */
  Optional<Blocker> blocker(TypeElement type, String fromPackage) {
    for (Element current = type;
        current instanceof TypeElement;
        current = current.getEnclosingElement()) {
      TypeElement level = (TypeElement) current;
      NestingKind nesting = level.getNestingKind();
      if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
        return Optional.of(
            new Blocker(
                level, nesting == NestingKind.LOCAL ? "a local class" : "an anonymous class"));
      }
      if (level.getModifiers().contains(Modifier.PRIVATE)) {
        return Optional.of(new Blocker(level, "private"));
      }
      if (!level.getModifiers().contains(Modifier.PUBLIC)
          && !packageOf(level).equals(fromPackage)) {
        return Optional.of(new Blocker(level, "not public, and in package " + packageOf(level)));
      }
    }
    return Optional.empty();
  }

  String packageOf(Element element) {
    PackageElement pkg = elements.getPackageOf(element);
    return pkg.getQualifiedName().toString();
  }

  /**
   * The type that cannot be named (the type itself or an enclosing one) and why, as a phrase that
   * completes "X is ...".
   */
  record Blocker(TypeElement type, String reason) {
    /** Whether the fix is to move the code rather than to change a modifier. */
    boolean isLocal() {
      return type.getNestingKind() == NestingKind.LOCAL
          || type.getNestingKind() == NestingKind.ANONYMOUS;
    }
  }
}
