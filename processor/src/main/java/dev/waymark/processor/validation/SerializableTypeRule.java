package dev.waymark.processor.validation;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.waymark.processor.model.CheckpointType;
import dev.waymark.processor.model.ComponentModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Decides whether a step's parameter or result type can be checkpointed, and collects the user
 * types (records, enums, arrays) the generated module must register for it.
 *
 * <p>The rule mirrors what the runtime can write: JDK value types and collections it registers
 * itself, plus user records and enums through generated serializers. Anything else would fail at
 * run time, after the step has run, so it is rejected here.
 */
final class SerializableTypeRule {
  static final String WORKFLOW = "dev.waymark.Workflow";

  /** Registered by the runtime; {@code Void} too, so that a step may declare it as its result. */
  private static final Set<String> VALUE_TYPES =
      Set.of(
          "java.lang.Boolean",
          "java.lang.Byte",
          "java.lang.Short",
          "java.lang.Integer",
          "java.lang.Long",
          "java.lang.Float",
          "java.lang.Double",
          "java.lang.Character",
          "java.lang.String",
          "java.lang.Void",
          "java.math.BigInteger",
          "java.math.BigDecimal",
          "java.util.UUID",
          "java.time.Instant",
          "java.time.Duration",
          "java.time.LocalDate",
          "java.time.LocalTime",
          "java.time.LocalDateTime");

  /**
   * Collections whose implementations the runtime registers, and the {@code Result} of a step that
   * catches exceptions, which it registers too; their type arguments must pass.
   */
  private static final Set<String> CONTAINERS =
      Set.of(
          "dev.waymark.Result",
          "java.util.Collection",
          "java.util.List",
          "java.util.Set",
          "java.util.Map",
          "java.util.Optional",
          "java.util.ArrayList",
          "java.util.LinkedList",
          "java.util.HashMap",
          "java.util.LinkedHashMap",
          "java.util.TreeMap",
          "java.util.HashSet",
          "java.util.LinkedHashSet",
          "java.util.TreeSet");

  /** Array types the runtime registers; any other array the module registers itself. */
  private static final Set<TypeName> BUILT_IN_ARRAYS =
      Set.of(
          ArrayTypeName.of(TypeName.INT),
          ArrayTypeName.of(TypeName.LONG),
          ArrayTypeName.of(TypeName.DOUBLE),
          ArrayTypeName.of(TypeName.FLOAT),
          ArrayTypeName.of(TypeName.SHORT),
          ArrayTypeName.of(TypeName.BYTE),
          ArrayTypeName.of(TypeName.CHAR),
          ArrayTypeName.of(TypeName.BOOLEAN),
          ArrayTypeName.of(ClassName.get(String.class)));

  private final Types types;
  private final TypeAccess access;

  SerializableTypeRule(Types types, TypeAccess access) {
    this.types = types;
    this.access = access;
  }

  /** What is wrong with a signature type; {@code detail} says which part of it. */
  record Problem(Kind kind, String detail) {}

  /** Which message a problem gets. */
  enum Kind {
    NOT_SERIALIZABLE,
    WORKFLOW,
    NOT_ACCESSIBLE,
    MISSING
  }

  /**
   * Checks {@code type} and adds the types it lets into checkpoints to {@code found}; stops at the
   * first problem, which is enough for the user to see what to change.
   *
   * @param declared the type as declared, which messages quote around the offending part: {@code
   *     type} itself, or the {@code Workflow<T>} that a continuation returns
   */
  Optional<Problem> check(
      TypeMirror type,
      TypeMirror declared,
      String generatedPackage,
      Map<TypeName, CheckpointType> found) {
    return new Walk(generatedPackage, found).walk(type, new Frame(declared, ""));
  }

  /** Whether casting an {@code Object} to {@code type} is an unchecked cast. */
  static boolean needsUncheckedCast(TypeMirror type) {
    if (type.getKind() == TypeKind.ARRAY) {
      return needsUncheckedCast(((ArrayType) type).getComponentType());
    }
    return type.getKind() == TypeKind.DECLARED
        && !((DeclaredType) type).getTypeArguments().isEmpty();
  }

  /**
   * The declared type that a message quotes around the offending part, and the record component it
   * belongs to (empty at the top), so that "Thread" reads "Thread in List<Thread>".
   */
  private record Frame(TypeMirror root, String component) {}

  /** One check; {@code found} also guards against cycles, as a record is added before its parts. */
  private final class Walk {
    private final String generatedPackage;
    private final Map<TypeName, CheckpointType> found;

    Walk(String generatedPackage, Map<TypeName, CheckpointType> found) {
      this.generatedPackage = generatedPackage;
      this.found = found;
    }

    Optional<Problem> walk(TypeMirror type, Frame frame) {
      switch (type.getKind()) {
        case BOOLEAN:
        case BYTE:
        case SHORT:
        case INT:
        case LONG:
        case CHAR:
        case FLOAT:
        case DOUBLE:
          return Optional.empty();
        case ERROR:
          return Optional.of(new Problem(Kind.MISSING, TypeText.of(type)));
        case ARRAY:
          return walkArray((ArrayType) type, frame);
        case DECLARED:
          return walkDeclared((DeclaredType) type, frame);
        case TYPEVAR:
          return notSerializable(type, "type variable " + type, frame);
        case WILDCARD:
          return notSerializable(type, "wildcard " + TypeText.of(type), frame);
        default:
          return notSerializable(type, TypeText.of(type), frame);
      }
    }

    private Optional<Problem> walkArray(ArrayType type, Frame frame) {
      Optional<Problem> problem = walk(type.getComponentType(), frame);
      if (problem.isEmpty()) {
        TypeName erased = TypeName.get(types.erasure(type));
        if (!BUILT_IN_ARRAYS.contains(erased)) {
          found.putIfAbsent(erased, new CheckpointType.ArrayType(erased));
        }
      }
      return problem;
    }

    private Optional<Problem> walkDeclared(DeclaredType type, Frame frame) {
      TypeElement element = (TypeElement) type.asElement();
      String name = element.getQualifiedName().toString();
      if (name.equals(WORKFLOW)) {
        return Optional.of(new Problem(Kind.WORKFLOW, describe(type, TypeText.of(type), frame)));
      }
      if (VALUE_TYPES.contains(name)) {
        return Optional.empty();
      }
      if (CONTAINERS.contains(name)) {
        if (type.getTypeArguments().isEmpty()) {
          return notSerializable(type, "raw type " + TypeText.of(type), frame);
        }
        for (TypeMirror argument : type.getTypeArguments()) {
          Optional<Problem> problem = walk(argument, frame);
          if (problem.isPresent()) {
            return problem;
          }
        }
        return Optional.empty();
      }
      if (element.getKind() == ElementKind.ENUM) {
        return accessible(element, type, frame)
            .or(
                () -> {
                  ClassName enumType = ClassName.get(element);
                  List<String> constants =
                      element.getEnclosedElements().stream()
                          .filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT)
                          .map(e -> e.getSimpleName().toString())
                          .toList();
                  found.putIfAbsent(enumType, new CheckpointType.EnumType(enumType, constants));
                  return Optional.empty();
                });
      }
      if (element.getKind() == ElementKind.RECORD) {
        if (!element.getTypeParameters().isEmpty()) {
          return notSerializable(type, "generic record " + TypeText.of(type), frame);
        }
        return accessible(element, type, frame).or(() -> walkRecord(element));
      }
      return notSerializable(type, TypeText.of(type), frame);
    }

    private Optional<Problem> walkRecord(TypeElement record) {
      ClassName recordType = ClassName.get(record);
      if (found.containsKey(recordType)) {
        return Optional.empty(); // done, or being walked further up this very check (a cycle)
      }
      // Reserved first so that a record is registered before the types it contains.
      found.put(recordType, new CheckpointType.RecordType(recordType, List.of()));
      List<ComponentModel> components = new ArrayList<>();
      for (RecordComponentElement component : record.getRecordComponents()) {
        TypeMirror componentType = component.asType();
        Frame frame =
            new Frame(componentType, TypeText.of(record) + "." + component.getSimpleName());
        Optional<Problem> problem = walk(componentType, frame);
        if (problem.isPresent()) {
          return problem;
        }
        components.add(
            new ComponentModel(
                component.getSimpleName().toString(),
                TypeName.get(componentType),
                needsUncheckedCast(componentType)));
      }
      found.put(recordType, new CheckpointType.RecordType(recordType, components));
      return Optional.empty();
    }

    private Optional<Problem> accessible(TypeElement element, TypeMirror type, Frame frame) {
      return access
          .blocker(element, generatedPackage)
          .map(
              blocker -> {
                String what = TypeText.kindOf(element) + " " + TypeText.of(element);
                String why =
                    blocker.type().equals(element)
                        ? ", which is " + blocker.reason()
                        : ", whose enclosing "
                            + TypeText.kindOf(blocker.type())
                            + " "
                            + TypeText.of(blocker.type())
                            + " is "
                            + blocker.reason();
                return new Problem(Kind.NOT_ACCESSIBLE, describe(type, what + why, frame));
              });
    }

    private Optional<Problem> notSerializable(TypeMirror type, String what, Frame frame) {
      return Optional.of(new Problem(Kind.NOT_SERIALIZABLE, describe(type, what, frame)));
    }

    /** "Thread in List<Thread> (record component Point.threads)", as much as applies. */
    private String describe(TypeMirror offending, String what, Frame frame) {
      StringBuilder text = new StringBuilder(what);
      if (offending != frame.root()) {
        text.append(" in ").append(TypeText.of(frame.root()));
      }
      if (!frame.component().isEmpty()) {
        text.append(" (record component ").append(frame.component()).append(')');
      }
      return text.toString();
    }
  }
}
