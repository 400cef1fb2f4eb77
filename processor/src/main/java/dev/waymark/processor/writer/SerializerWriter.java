package dev.waymark.processor.writer;

import static dev.waymark.processor.writer.RuntimeTypes.INPUT;
import static dev.waymark.processor.writer.RuntimeTypes.KRYO;
import static dev.waymark.processor.writer.RuntimeTypes.OUTPUT;
import static dev.waymark.processor.writer.RuntimeTypes.PRIMITIVE_IO;
import static dev.waymark.processor.writer.RuntimeTypes.SERIALIZER;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.waymark.processor.model.CheckpointType.EnumType;
import dev.waymark.processor.model.CheckpointType.RecordType;
import dev.waymark.processor.model.ComponentModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the Kryo serializers of checkpointed records and enums as nested classes, so that reading
 * a checkpoint calls the user's constructor or {@code valueOf} directly instead of reflecting.
 */
final class SerializerWriter {

  // /** Writes {@link Pipeline.Point} component by component ... */
  // private static final class PointSerializer extends Serializer<Pipeline.Point> {
  //   PointSerializer() { setImmutable(true); }
  //   @Override public void write(Kryo kryo, Output output, Pipeline.Point point) {
  //     output.writeInt(point.x());
  //     kryo.writeClassAndObject(output, point.label());
  //   }
  //   @Override
  //   public Pipeline.Point read(Kryo kryo, Input input, Class<? extends Pipeline.Point> type) {
  //     int x = input.readInt();
  //     String label = (String) kryo.readClassAndObject(input);
  //     return new Pipeline.Point(x, label);
  //   }
  // }
  TypeSpec record(RecordType record, ClassName serializer) {
    NameAllocator writeNames = new NameAllocator();
    writeNames.newName("kryo");
    writeNames.newName("output");
    String value = writeNames.newName(JavaNames.variableCase(record.type().simpleName()));
    CodeBlock.Builder write = CodeBlock.builder();
    for (ComponentModel component : record.components()) {
      String io = PRIMITIVE_IO.get(component.type());
      if (io != null) {
        write.addStatement("output.write$L($N.$N())", io, value, component.name());
      } else {
        write.addStatement("kryo.writeClassAndObject(output, $N.$N())", value, component.name());
      }
    }

    NameAllocator readNames = new NameAllocator();
    readNames.newName("kryo");
    readNames.newName("input");
    readNames.newName("type");
    CodeBlock.Builder read = CodeBlock.builder();
    List<CodeBlock> arguments = new ArrayList<>();
    boolean unchecked = false;
    for (ComponentModel component : record.components()) {
      String local = readNames.newName(component.name(), component);
      String io = PRIMITIVE_IO.get(component.type());
      if (io != null) {
        read.addStatement("$T $N = input.read$L()", component.type(), local, io);
      } else {
        read.addStatement(
            "$T $N = ($T) kryo.readClassAndObject(input)",
            component.type(),
            local,
            component.type());
      }
      unchecked |= component.uncheckedCast();
      arguments.add(CodeBlock.of("$N", local));
    }
    read.addStatement("return new $T($L)", record.type(), CodeBlock.join(arguments, ", "));

    return serializer(record.type(), serializer, value, write.build(), read.build(), unchecked)
        .addJavadoc(
            "Writes {@link $T} component by component\nand reads it back through its canonical"
                + " constructor.\n",
            record.type())
        .build();
  }

  // /** Writes {@link Pipeline.Color} as the constant's name, so reordering constants is safe. */
  // private static final class ColorSerializer extends Serializer<Pipeline.Color> {
  //   ...
  //   public void write(Kryo kryo, Output output, Pipeline.Color color) {
  //     output.writeString(color.name());
  //   }
  //   public Pipeline.Color read(Kryo kryo, Input input, Class<? extends Pipeline.Color> type) {
  //     return Pipeline.Color.valueOf(input.readString());
  //   }
  // }
  TypeSpec enumType(EnumType enumType, ClassName serializer) {
    NameAllocator writeNames = new NameAllocator();
    writeNames.newName("kryo");
    writeNames.newName("output");
    String value = writeNames.newName(JavaNames.variableCase(enumType.type().simpleName()));
    return serializer(
            enumType.type(),
            serializer,
            value,
            CodeBlock.builder().addStatement("output.writeString($N.name())", value).build(),
            CodeBlock.builder()
                .addStatement("return $T.valueOf(input.readString())", enumType.type())
                .build(),
            false)
        .addJavadoc(
            "Writes {@link $T} as the constant's name,\nso that reordering the constants keeps"
                + " stored values readable.\n",
            enumType.type())
        .build();
  }

  // The shape shared by both: an immutable Serializer<T> with write and read.
  private TypeSpec.Builder serializer(
      ClassName type,
      ClassName serializer,
      String value,
      CodeBlock write,
      CodeBlock read,
      boolean uncheckedRead) {
    MethodSpec.Builder readMethod =
        MethodSpec.methodBuilder("read")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(type)
            .addParameter(KRYO, "kryo")
            .addParameter(INPUT, "input")
            .addParameter(
                ParameterizedTypeName.get(
                    ClassName.get(Class.class), WildcardTypeName.subtypeOf(type)),
                "type")
            .addCode(read);
    if (uncheckedRead) {
      readMethod.addAnnotation(
          AnnotationSpec.builder(SuppressWarnings.class)
              .addMember("value", "$S", "unchecked")
              .build());
    }
    return TypeSpec.classBuilder(serializer)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .superclass(ParameterizedTypeName.get(SERIALIZER, type))
        .addMethod(
            MethodSpec.constructorBuilder()
                // Values are immutable or treated as such, so Kryo's copy() can return them as is.
                .addStatement("setImmutable(true)")
                .build())
        .addMethod(
            MethodSpec.methodBuilder("write")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(KRYO, "kryo")
                .addParameter(OUTPUT, "output")
                .addParameter(type, value)
                .addCode(write)
                .build())
        .addMethod(readMethod.build());
  }
}
