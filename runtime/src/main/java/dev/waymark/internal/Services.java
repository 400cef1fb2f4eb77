package dev.waymark.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What executions share within one runtime: the step pool, the retry timer, the resources, the
 * thread that writes intra-step states saved asynchronously, and the group commit that forces
 * outputs to the device (null unless the storage promises {@code Durability.POWER_LOSS}), and the
 * clock; the listeners (null when none listens); and the test kit's hooks (null unless installed)
 * and whether the runtime died of one; on a cluster, the lending of steps to other members (else
 * null).
 */
record Services(
    StepPool pool,
    ScheduledExecutorService timer,
    ResourcePool resources,
    Executor stateWriter,
    java.util.Map<String, dev.waymark.EventListener<?>> listeners,
    GroupCommit commits,
    WorkflowClock clock,
    Observers observers,
    RunHooks hooks,
    ProcessDeath death,
    StepLending lending) {}
