package io.iou.spring.diagnostics;

import java.time.Duration;

import io.iou.spring.scheduler.IouScheduler;
import io.iou.spring.scheduler.IouTaskExecutor;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the IOU scheduler's executor: always UP, with its details (mode, active handlers, pool or
 * concurrency limit, queue, saturations, and whether it is saturated now).
 *
 * <p>Saturation is deliberately not a health failure: under a load spike every instance saturates at
 * once, and a load balancer that took each out of rotation would turn the spike into an outage. An
 * application that wants a saturated instance to get less traffic opts in to
 * {@link IouSchedulerReadiness}, which affects only the readiness probe.
 */
public class IouSchedulerHealthIndicator implements HealthIndicator {

    private final IouScheduler scheduler;

    private final Duration saturationWindow;

    /**
     * Creates the indicator.
     *
     * @param scheduler the scheduler whose executor is reported
     * @param saturationWindow how long the executor must stay saturated to be reported saturated
     */
    public IouSchedulerHealthIndicator(IouScheduler scheduler, Duration saturationWindow) {
        this.scheduler = scheduler;
        this.saturationWindow = saturationWindow;
    }

    /**
     * Reports the executor: always UP.
     *
     * @return UP with the executor's details
     */
    @Override
    public Health health() {
        if (!(scheduler.executor() instanceof IouTaskExecutor executor)) {
            // a pool the app brought itself: nothing to read but its type
            return Health.up().withDetail("executor", scheduler.executor().getClass().getName()).build();
        }
        Duration saturatedFor = executor.getSaturatedFor();
        Health.Builder health = Health.up()
                .withDetail("mode", executor.isVirtualThreads() ? "virtual-threads" : "pool")
                .withDetail("active", executor.getActiveCount());
        if (executor.isVirtualThreads()) {
            health.withDetail("concurrencyLimit",
                    executor.getConcurrencyLimit() > 0 ? executor.getConcurrencyLimit() : "none");
        }
        else {
            health.withDetail("poolSize", executor.getPoolSize())
                    .withDetail("maxSize", executor.getMaxPoolSize())
                    .withDetail("queued", executor.getQueueSize())
                    .withDetail("queueRemaining", executor.getQueueCapacity() - executor.getQueueSize());
        }
        return health.withDetail("saturations", executor.getSaturationCount())
                .withDetail("saturatedFor", saturatedFor.toString())
                .withDetail("saturated", saturatedFor.compareTo(saturationWindow) >= 0)
                .withDetail("saturationWindow", saturationWindow.toString())
                .build();
    }
}
