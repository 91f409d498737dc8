package market.udong.lambdas.dms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Keeps DMS replication tasks running across CloudFormation deploys. DMS refuses to modify a
 * running task or an endpoint a running task uses, and CloudFormation neither stops nor starts
 * tasks, so a stack brackets its DMS resources with two custom resources served by this class:
 * <ul>
 *   <li>{@link #pause}: before the endpoints and the task change, stop every task running on the
 *       replication instance and wait until they are stopped;</li>
 *   <li>{@link #start}: after the task is created or changed, wait until it is settled and start
 *       it: {@code start-replication} the first time, {@code resume-processing} after a change
 *       (CDC continues from its checkpoint), {@code reload-target} for full-load-only tasks;</li>
 *   <li>{@link #stop}: before CloudFormation deletes a task, stop it (DMS deletes stopped tasks only).</li>
 * </ul>
 * Every operation is idempotent, so a retried invocation does no harm.
 */
public final class ReplicationTaskControl {

    /** Statuses from which a task moves on by itself; the control waits them out. */
    static final Set<String> TRANSITIONAL = Set.of("creating", "modifying", "starting", "stopping", "moving", "testing");
    /** Statuses in which a task replicates. */
    static final Set<String> ACTIVE = Set.of("running", "starting");

    /** The task is not in the wanted state by the deadline; the deploy fails with this message. */
    public static final class TimeoutException extends RuntimeException {
        TimeoutException(String message) {
            super(message);
        }
    }

    private final DmsApi dms;
    private final Clock clock;
    private final Duration pollInterval;

    public ReplicationTaskControl(DmsApi dms, Clock clock, Duration pollInterval) {
        this.dms = Objects.requireNonNull(dms, "dms");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    }

    /**
     * Stops every task on the given replication instances (the deployed one and, if it changes,
     * the new one) and waits until none is active.
     *
     * @return the ARNs of the tasks it stopped
     */
    public List<String> pause(List<String> instanceArns, Instant deadline) {
        Set<String> instances = new LinkedHashSet<>(instanceArns);
        instances.removeIf(a -> a == null || a.isBlank());
        if (instances.isEmpty()) {
            return List.of();
        }
        List<DmsApi.Task> tasks = dms.describeTasks("replication-instance-arn", List.copyOf(instances));
        List<String> stopped = tasks.stream().map(DmsApi.Task::arn).toList();
        for (String arn : stopped) {
            stop(arn, deadline);
        }
        return stopped;
    }

    /**
     * Starts the task once it is settled; nothing to do when it already runs.
     *
     * @param previousTaskArn the task this one replaces (stopped first so two never write the same
     *                        prefix), or null
     * @return the start type used, or empty when the task was already running
     */
    public Optional<String> start(String taskArn, String previousTaskArn, Instant deadline) {
        if (previousTaskArn != null && !previousTaskArn.isBlank() && !previousTaskArn.equals(taskArn)) {
            stop(previousTaskArn, deadline);
        }
        DmsApi.Task task = settled(taskArn, deadline)
                .orElseThrow(() -> new IllegalStateException("replication task " + taskArn + " does not exist"));
        if (ACTIVE.contains(task.status())) {
            return Optional.empty();
        }
        String startType = startType(task);
        dms.startTask(taskArn, startType);
        return Optional.of(startType);
    }

    /** Stops the task if it is active and waits until it is stopped; a task that does not exist is fine. */
    public void stop(String taskArn, Instant deadline) {
        Optional<DmsApi.Task> task = settledOrActive(taskArn, deadline);
        if (task.isPresent() && "running".equals(task.get().status())) {
            try {
                dms.stopTask(taskArn);
            } catch (DmsApi.DmsException e) {
                // Stopped between our look and our call (by DMS itself or by a person): fine.
                if (!"InvalidResourceStateFault".equals(e.code())) {
                    throw e;
                }
            }
            settled(taskArn, deadline);
        }
    }

    static String startType(DmsApi.Task task) {
        if ("ready".equals(task.status())) {
            return "start-replication";
        }
        return "full-load".equals(task.migrationType()) ? "reload-target" : "resume-processing";
    }

    /** Waits until the task leaves every transitional status (running counts as settled only after starting). */
    private Optional<DmsApi.Task> settled(String taskArn, Instant deadline) {
        return waitFor(taskArn, deadline, status -> !TRANSITIONAL.contains(status));
    }

    /** Waits until the task is running or settled, so a starting task can be stopped. */
    private Optional<DmsApi.Task> settledOrActive(String taskArn, Instant deadline) {
        return waitFor(taskArn, deadline, status -> !TRANSITIONAL.contains(status) || "running".equals(status));
    }

    private Optional<DmsApi.Task> waitFor(String taskArn, Instant deadline, Predicate<String> done) {
        while (true) {
            Optional<DmsApi.Task> task = dms.describeTasks("replication-task-arn", List.of(taskArn)).stream().findFirst();
            if (task.isEmpty() || done.test(task.get().status())) {
                return task;
            }
            if (!clock.instant().plus(pollInterval).isBefore(deadline)) {
                throw new TimeoutException("replication task " + taskArn + " is still '" + task.get().status()
                        + "'; it settles on its own: deploy again once it has");
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + taskArn, e);
            }
        }
    }
}
