package io.iou.spring.diagnostics;

import java.time.Duration;
import java.util.concurrent.ThreadPoolExecutor;

import io.iou.spring.scheduler.IouScheduler;
import io.iou.spring.scheduler.IouTaskExecutor;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the IOU scheduler's pool: UP with its active count and queue depth, OUT_OF_SERVICE once
 * the pool has been saturated (refusing handlers, or running them on the caller) without a break for
 * the saturation window: an instance in that state should get no more traffic until it recovers.
 */
public class IouSchedulerHealthIndicator implements HealthIndicator {

    private final IouScheduler scheduler;

    private final Duration saturationWindow;

    /**
     * Creates the indicator.
     *
     * @param scheduler the scheduler whose pool is reported
     * @param saturationWindow how long the pool must stay saturated to be reported OUT_OF_SERVICE
     */
    public IouSchedulerHealthIndicator(IouScheduler scheduler, Duration saturationWindow) {
        this.scheduler = scheduler;
        this.saturationWindow = saturationWindow;
    }

    @Override
    public Health health() {
        if (!(scheduler.executor() instanceof IouTaskExecutor executor)) {
            // a pool the app brought itself: nothing to read but its type
            return Health.up().withDetail("executor", scheduler.executor().getClass().getName()).build();
        }
        Duration saturatedFor = executor.getSaturatedFor();
        Health.Builder health = saturatedFor.compareTo(saturationWindow) >= 0 ? Health.status(Status.OUT_OF_SERVICE)
                : Health.up();
        health.withDetail("active", executor.getActiveCount())
                .withDetail("poolSize", executor.getPoolSize())
                .withDetail("maxSize", executor.getMaxPoolSize())
                .withDetail("saturations", executor.getSaturationCount())
                .withDetail("saturatedFor", saturatedFor.toString())
                .withDetail("saturationWindow", saturationWindow.toString());
        if (executor.isRunning()) {
            ThreadPoolExecutor pool = executor.getThreadPoolExecutor();
            health.withDetail("queued", pool.getQueue().size())
                    .withDetail("queueRemaining", pool.getQueue().remainingCapacity());
        }
        return health.build();
    }
}
