package io.iou.spring.metrics;

import io.iou.spring.scheduler.IouTaskExecutor;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of the IOU scheduler's executor that Spring Boot does not publish:
 * <ul>
 * <li>{@value #SATURATIONS} (counter): handlers that met a saturated executor and were refused or run
 * on the caller, as its {@code RejectionPolicy} says; the signal to alert on, as saturation does not
 * make the application unhealthy;</li>
 * <li>with virtual threads, Boot's own {@code executor.*} meters, which Boot binds only to thread
 * pools: {@code executor.active} and {@code executor.pool.size} (the handlers running, each on its
 * own thread), {@code executor.completed}, and {@code executor.pool.max} (the concurrency limit, when
 * set), with the same names, units and {@code name} tag as for the pool, so dashboards need not
 * change.</li>
 * </ul>
 */
public final class IouSchedulerMetrics implements MeterBinder {

    /** Name of the counter of handlers that met a saturated executor. */
    public static final String SATURATIONS = "iou.scheduler.saturations";

    private final IouTaskExecutor executor;

    private final Tags tags;

    /**
     * Creates the meters of {@code executor}.
     *
     * @param executor the IOU scheduler's executor
     * @param name its bean name, the {@code name} tag
     */
    public IouSchedulerMetrics(IouTaskExecutor executor, String name) {
        this.executor = executor;
        this.tags = Tags.of("name", name);
    }

    /**
     * Registers the meters.
     *
     * @param registry where they go
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(SATURATIONS, this.executor, IouTaskExecutor::getSaturationCount)
            .tags(this.tags)
            .description("Handlers that met a saturated IOU executor and were refused or run on the caller")
            .register(registry);
        if (!this.executor.isVirtualThreads()) {
            return;
        }
        Gauge.builder("executor.active", this.executor, IouTaskExecutor::getActiveCount)
            .tags(this.tags)
            .baseUnit("threads")
            .description("The approximate number of threads that are actively executing tasks")
            .register(registry);
        Gauge.builder("executor.pool.size", this.executor, IouTaskExecutor::getPoolSize)
            .tags(this.tags)
            .baseUnit("threads")
            .description("The current number of threads in the pool")
            .register(registry);
        FunctionCounter.builder("executor.completed", this.executor, IouTaskExecutor::getCompletedTaskCount)
            .tags(this.tags)
            .baseUnit("tasks")
            .description("The approximate total number of tasks that have completed execution")
            .register(registry);
        if (this.executor.getConcurrencyLimit() > 0) {
            Gauge.builder("executor.pool.max", this.executor, IouTaskExecutor::getConcurrencyLimit)
                .tags(this.tags)
                .baseUnit("threads")
                .description("The maximum allowed number of threads in the pool")
                .register(registry);
        }
    }
}
