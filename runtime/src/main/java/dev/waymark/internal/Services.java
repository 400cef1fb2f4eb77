package dev.waymark.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What executions share within one runtime: the step pool, the retry timer, the resources, and the
 * thread that writes intra-step states saved asynchronously.
 */
record Services(
    Executor pool,
    ScheduledExecutorService timer,
    ResourcePool resources,
    Executor stateWriter,
    java.util.Map<String, dev.waymark.EventListener<?>> listeners) {}
