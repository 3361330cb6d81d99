package io.iou.spring.scheduler;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

import io.iou.IOU;

/**
 * The pool IOU handlers run on: IOUs made here are bound to it, so their chains run on the pool and
 * independent branches run in parallel.
 */
public class IouScheduler {

    private final Executor executor;

    /**
     * Wraps an executor.
     *
     * @param executor the pool
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
    public <T> IOU<T> newIou() {
        return new IOU<>(executor);
    }

    /**
     * Runs {@code task} on the pool and returns an IOU of its result, bound to the pool.
     *
     * @param task the work
     * @param <T> the value type
     * @return an IOU of the task's result
     */
    public <T> IOU<T> supply(Callable<? extends T> task) {
        return IOU.supply(executor, task);
    }

    /**
     * Returns the pool, for binding IOUs made elsewhere ({@code new IOU<>(scheduler.executor())}).
     *
     * @return the executor handlers run on
     */
    public Executor executor() {
        return executor;
    }
}
