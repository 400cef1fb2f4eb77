package dev.waymark;

import java.time.Instant;
import java.util.Map;

/**
 * What is known about one task of a workflow: its step, the step's metadata (annotation, then the
 * call's), and when its stored output's attempt started and ended (null until it is stored).
 */
public record TaskMetadata(
    String taskId, String stepId, Map<String, String> metadata, Instant start, Instant end) {}
