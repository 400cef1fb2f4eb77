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
    Golden.assertGenerated(compilation, "com.example.Pipeline_WaymarkModule");
  }

  /** A nested class: recursive records, every primitive component, maps, nested arrays. */
  @Test
  void nestedClass() {
    Compilation compilation = compile(resources("com.example.Outer"));

    assertThat(compilation).succeededWithoutWarnings();
    Golden.assertGenerated(compilation, "com.example.Outer_InnerSteps");
    Golden.assertGenerated(compilation, "com.example.Outer_Inner_WaymarkModule");
  }

  /** A generic class: its instance steps run on one {@code Box<?>}, with no raw type. */
  @Test
  void genericClass() {
    Compilation compilation = compile(resources("com.example.Box"));

    assertThat(compilation).succeededWithoutWarnings();
    Golden.assertGenerated(compilation, "com.example.BoxSteps");
    Golden.assertGenerated(compilation, "com.example.Box_WaymarkModule");
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
    Golden.assertGenerated(compilation, "com.example.Resilient_WaymarkModule");
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
    Golden.assertGenerated(compilation, "com.example.Math_WaymarkModule");
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
    Golden.assertGenerated(compilation, "com.example.Training_WaymarkModule");
  }

  /** User names that collide with generated members, locals and imported types. */
  @Test
  void clashingNames() {
    Compilation compilation = compile(resources("com.example.Clashes"));

    assertThat(compilation).succeededWithoutWarnings();
    Golden.assertGenerated(compilation, "com.example.ClashesSteps");
    Golden.assertGenerated(compilation, "com.example.Clashes_WaymarkModule");
  }

  /**
   * Two versions of one step: both get definitions, the newer one alone gets builders, and the
   * older one keeps the identity it had before versions.
   */
  @Test
  void versionedStep() {
    Compilation compilation = compile(resources("com.example.Payments"));

    assertThat(compilation).succeededWithoutWarnings();
    Golden.assertGenerated(compilation, "com.example.PaymentsSteps");
    Golden.assertGenerated(compilation, "com.example.Payments_WaymarkModule");
  }
}
