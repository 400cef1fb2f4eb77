package dev.waymark;

/** A stored workflow's id and status, as listed by {@link Waymark#list}. */
public record WorkflowInfo(String workflowId, WorkflowStatus status) {}
