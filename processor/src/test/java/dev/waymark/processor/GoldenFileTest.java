package dev.waymark.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.waymark.processor.Compilations.compile;
import static dev.waymark.processor.Compilations.resources;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/**
 * Generated sources match their golden files and compile, without a single warning, against the
 * real runtime.
 */
class GoldenFileTest {

  /** Static, instance, void, zero-argument and varargs steps; records, enums, arrays, lists. */
  @Test
  void pipeline() {
    Compilation compilation = compile(resources("com.example.Pipeline"));

    assertThat(compilation).succeededWithoutWarnings();
    Golden.assertGenerated(compilation, "com.example.PipelineSteps");
  }

  /** A nested class: recursive records, every primitive component, maps, nested arrays. */
  @Test
  void nestedClass() {
    Compilation compilation = compile(resources("com.example.Outer"));

    assertThat(compilation).succeededWithoutWarnings();
    Golden.assertGenerated(compilation, "com.example.Outer_InnerSteps");
  }

  /** A generic class: its instance steps run on one {@code Box<?>}, with no raw type. */
  @Test
  void genericClass() {
    Compilation compilation = compile(resources("com.example.Box"));

    assertThat(compilation).succeededWithoutWarnings();
    Golden.assertGenerated(compilation, "com.example.BoxSteps");
  }

  /**
   * Options on the annotations: every one at once, defaults written out, {@code @Checkpoint} alone,
   * a fixed backoff, and static and instance steps that catch exceptions.
   */
  @Test
  void stepOptions() {
    Compilation compilation = compile(resources("com.example.Resilient"));

    assertThat(compilation).succeededWithoutWarnings();
    Golden.assertGenerated(compilation, "com.example.ResilientSteps");
  }

  /**
   * Continuations, whose bodies call the builders being generated: recursion, a fan-out with {@code
   * Workflow.all}, a catching one, {@code Workflow<? extends T>} of a record declared in the class,
   * and {@code Workflow<Void>}.
   */
  @Test
  void continuations() {
    Compilation compilation = compile(resources("com.example.Math"));

    assertThat(compilation).succeededWithoutWarnings();
    Golden.assertGenerated(compilation, "com.example.MathSteps");
  }

  /**
   * Parameters the runtime supplies: a {@code Checkpointer} of a record, a {@code StepContext}
   * alone, both with the {@code Checkpointer} first, and both between inputs of an instance step
   * whose state reaches an enum.
   */
  @Test
  void suppliedParameters() {
    Compilation compilation = compile(resources("com.example.Training"));

    assertThat(compilation).succeededWithoutWarnings();
    Golden.assertGenerated(compilation, "com.example.TrainingSteps");
  }

  /** User names that collide with generated members, locals and imported types. */
  @Test
  void clashingNames() {
    Compilation compilation = compile(resources("com.example.Clashes"));

    assertThat(compilation).succeededWithoutWarnings();
    Golden.assertGenerated(compilation, "com.example.ClashesSteps");
  }
}
