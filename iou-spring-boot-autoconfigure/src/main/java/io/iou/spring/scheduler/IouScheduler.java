package io.iou.spring.scheduler;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import io.iou.IOU;
import org.jspecify.annotations.Nullable;

/**
 * The pool IOU handlers run on: IOUs made here are bound to it, so their chains run on the pool and
 * independent branches run in parallel.
 *
 * <p>It is deliberately not an {@link Executor} itself: as a bean, an {@code Executor} would switch
 * off Spring Boot's {@code applicationTaskExecutor}. The auto-configured instance wraps an
 * {@link IouTaskExecutor} (bean {@code iouTaskExecutor}), which bounds the pool, applies the
 * saturation policy and drains handlers on shutdown.
 */
public class IouScheduler {

    private final Executor executor;

    /**
     * Wraps an executor.
     *
     * @param executor the pool
     * @throws NullPointerException if {@code executor} is null
     */
    public IouScheduler(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Returns a new pending IOU bound to this scheduler.
     *
     * @param <T> the value type
     * @return a pending IOU whose handlers run on the pool
     */
    public <T extends @Nullable Object> IOU<T> newIou() {
        return IOU.bound(this.executor);
    }

    /**
     * Runs {@code task} on the pool and returns an IOU of its result, bound to the pool. If the pool
     * refuses the task (saturated or shut down), or shuts down before the task starts, the IOU is
     * rejected with a {@link RejectedExecutionException}; if the IOU is cancelled before the task
     * starts, the task does not run. The task runs with the context of the calling thread, as a handler
     * added here would, and a handler waiting on its IOU goes on on the thread that ran the task rather
     * than being handed to the pool a second time.
     *
     * @param task the work
     * @param <T> the value type
     * @return an IOU of the task's result, rejected with whatever it throws
     * @throws NullPointerException if {@code task} is null
     */
    public <T extends @Nullable Object> IOU<T> supply(Callable<? extends T> task) {
        return IOU.supply(this.executor, task);
    }

    /**
     * Returns the pool, for binding IOUs made elsewhere ({@code IOU.bound(scheduler.executor())}).
     *
     * @return the executor handlers run on
     */
    public Executor executor() {
        return this.executor;
    }

    @Override
    public String toString() {
        return "IouScheduler[" + this.executor + "]";
    }
}
