package dev.waymark.processor.writer;

import static dev.waymark.processor.writer.RuntimeTypes.CHECKPOINT_MODE;
import static dev.waymark.processor.writer.RuntimeTypes.DURATION;
import static dev.waymark.processor.writer.RuntimeTypes.RETRY_BACKOFF;
import static dev.waymark.processor.writer.RuntimeTypes.STEP_OPTIONS;

import com.palantir.javapoet.CodeBlock;
import dev.waymark.processor.model.StepOptionsModel;
import dev.waymark.processor.model.StepOptionsModel.BackoffModel;
import dev.waymark.processor.model.StepOptionsModel.MetadataEntry;
import dev.waymark.processor.model.StepOptionsModel.ResourceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes the {@code StepOptions} expression of a step's annotations: only the options the user
 * changed, in a fixed order, so that the generated code says what the annotation says.
 */
final class StepOptionsWriter {
  private StepOptionsWriter() {}

  /** One option the user set: its builder call, and how the builders' Javadoc lists it. */
  private record Option(CodeBlock call, String text) {}

  /** The options the user set, in the fixed order both the code and the Javadoc follow. */
  private static List<Option> each(StepOptionsModel options) {
    List<Option> all = new ArrayList<>();
    options
        .maxRetries()
        .ifPresent(n -> all.add(new Option(CodeBlock.of("maxRetries($L)", n), "maxRetries " + n)));
    options
        .retryExceptions()
        .ifPresent(
            b ->
                all.add(
                    new Option(CodeBlock.of("retryExceptions($L)", b), "retryExceptions " + b)));
    options
        .backoff()
        .ifPresent(
            b ->
                all.add(
                    new Option(CodeBlock.of("backoff($L)", backoff(b)), "backoff " + describe(b))));
    options
        .checkpoint()
        .ifPresent(
            mode ->
                all.add(
                    new Option(
                        CodeBlock.of("checkpoint($T.$L)", CHECKPOINT_MODE, mode),
                        "checkpoint " + mode)));
    options
        .cpus()
        .ifPresent(cpus -> all.add(new Option(CodeBlock.of("cpus($L)", cpus), "cpus " + cpus)));
    options
        .gpus()
        .ifPresent(gpus -> all.add(new Option(CodeBlock.of("gpus($L)", gpus), "gpus " + gpus)));
    for (ResourceModel resource : options.resources()) {
      all.add(
          new Option(
              CodeBlock.of("resource($S, $L)", resource.name(), resource.amount()),
              "resource " + resource.name() + " " + resource.amount()));
    }
    for (MetadataEntry entry : options.metadata()) {
      all.add(
          new Option(
              CodeBlock.of("metadata($S, $S)", entry.key(), entry.value()),
              "metadata " + entry.key() + "=" + entry.value()));
    }
    return all;
  }

  // StepOptions.builder()
  //     .maxRetries(10)
  //     .backoff(RetryBackoff.fixed(Duration.ofMillis(500)))
  //     .resource("license", 1.0)
  //     .build()
  static CodeBlock options(StepOptionsModel options) {
    List<CodeBlock> calls = new ArrayList<>();
    each(options).forEach(option -> calls.add(option.call()));
    calls.add(CodeBlock.of("build()"));
    CodeBlock.Builder chain = CodeBlock.builder().add("$T.builder()", STEP_OPTIONS);
    if (calls.size() == 2) {
      return chain.add(".$L.$L", calls.get(0), calls.get(1)).build();
    }
    // One call per line once there are several options, as google-java-format breaks a long chain.
    chain.add("$>$>");
    for (CodeBlock call : calls) {
      chain.add("\n.$L", call);
    }
    return chain.add("$<$<").build();
  }

  // maxRetries 10, retryExceptions true, backoff 100 ms x2.0 up to 60000 ms, checkpoint FALSE,
  // cpus 1.0, gpus 0.5, resource license 1.0, resource db.pool 2.5, metadata owner=team-a
  /**
   * The options as the builders' Javadoc lists them, HTML-escaped, in the order of {@link
   * #options}: what a reader of a call site needs to know without opening the step's class.
   */
  static String describe(StepOptionsModel options) {
    return each(options).stream()
        .map(option -> "<code>" + escape(option.text()) + "</code>")
        .collect(Collectors.joining(",\n"));
  }

  private static String describe(BackoffModel backoff) {
    if (backoff.multiplier() == 1 && backoff.maxDelayMillis() == backoff.delayMillis()) {
      return backoff.delayMillis() == 0 ? "none" : backoff.delayMillis() + " ms";
    }
    return backoff.delayMillis()
        + " ms x"
        + backoff.multiplier()
        + " up to "
        + backoff.maxDelayMillis()
        + " ms";
  }

  /** Text safe in a Javadoc comment: no markup, no inline tag, no end of the comment. */
  private static String escape(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '@' -> out.append("&#64;");
        case '{' -> out.append("&#123;");
        case '}' -> out.append("&#125;");
        case '/' -> out.append("&#47;");
        case '\\' -> out.append("&#92;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  // RetryBackoff.none(), RetryBackoff.fixed(Duration.ofMillis(500)), or
  // RetryBackoff.exponential(Duration.ofMillis(100), 2.0, Duration.ofMillis(60000))
  private static CodeBlock backoff(BackoffModel backoff) {
    // Each form is equal to the annotation's record; only a shorter spelling of it.
    if (backoff.multiplier() == 1 && backoff.maxDelayMillis() == backoff.delayMillis()) {
      return backoff.delayMillis() == 0
          ? CodeBlock.of("$T.none()", RETRY_BACKOFF)
          : CodeBlock.of("$T.fixed($L)", RETRY_BACKOFF, millis(backoff.delayMillis()));
    }
    return CodeBlock.of(
        "$T.exponential($L,$W$L,$W$L)",
        RETRY_BACKOFF,
        millis(backoff.delayMillis()),
        backoff.multiplier(),
        millis(backoff.maxDelayMillis()));
  }

  private static CodeBlock millis(long millis) {
    // An int literal where it fits, as a person would write it; ofMillis takes a long either way.
    String literal = millis == (int) millis ? Long.toString(millis) : millis + "L";
    return CodeBlock.of("$T.ofMillis($L)", DURATION, literal);
  }
}
