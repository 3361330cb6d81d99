package io.iou.spring.scheduler;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.iou.IOU;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The bounded pool IOU handlers run on. It is a {@link ThreadPoolTaskExecutor}, so Spring Boot's
 * executor metrics ({@code executor.*}) cover it, and it never drops a handler silently:
 * <ul>
 * <li><b>Saturation.</b> When every thread is busy and the queue is full, the {@link RejectionPolicy}
 * decides: the handler is refused with a {@link RejectedExecutionException} that names the pool and
 * its limits (the IOU core then rejects the handler's IOU with it), or it runs on the calling thread.
 * A handler offered after shutdown is always refused, whatever the policy.</li>
 * <li><b>Graceful shutdown.</b> With {@link #setWaitForTasksToCompleteOnShutdown waiting} on,
 * {@link #shutdown()} waits, up to the {@link #setAwaitTerminationMillis await period}, until no
 * handler is queued or running. Meanwhile the pool still accepts handlers, so that a chain in progress
 * runs to its end rather than being cut at the next link. Whatever is left after that, or at once with
 * waiting off, never runs: the IOU of each such handler is rejected with a
 * {@link RejectedExecutionException}, running handlers are interrupted, and one warning gives the
 * counts.</li>
 * <li><b>Task decorators</b> ({@link #setTaskDecorator}) wrap each handler, as in the superclass; this
 * class applies them itself, so that shutdown can still tell which IOU a queued handler belongs to.</li>
 * </ul>
 * With {@link #setVirtualThreads virtual threads} the workers are virtual threads; the limits, the
 * policy and shutdown stay the same.
 *
 * @serial exclude
 */
public class IouTaskExecutor extends ThreadPoolTaskExecutor {

    /** Saturation events closer than this belong to one run of saturation. */
    private static final long SATURATION_GAP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private RejectionPolicy rejectionPolicy = RejectionPolicy.REJECT;

    private @Nullable TaskDecorator taskDecorator;

    private boolean waitForTasksToCompleteOnShutdown;

    private long awaitTerminationMillis;

    private @Nullable String beanName;

    /** Handlers handed over and not yet finished or refused: what graceful shutdown waits for. */
    private final AtomicInteger inFlight = new AtomicInteger();

    private final Object idleMonitor = new Object();

    private volatile boolean draining;

    private final AtomicBoolean shutDown = new AtomicBoolean();

    private final LongAdder saturations = new LongAdder();

    /** When the current run of saturation began, and when the pool was last saturated ({@code System.nanoTime}). */
    private volatile long saturatedSince;

    private volatile long lastSaturated;

    /** Creates a pool with the superclass's defaults and the {@link RejectionPolicy#REJECT} policy. */
    public IouTaskExecutor() {
    }

    /**
     * Sets what happens to a handler when every thread is busy and the queue is full; default
     * {@link RejectionPolicy#REJECT}.
     *
     * @param rejectionPolicy the policy
     * @throws NullPointerException if {@code rejectionPolicy} is null
     */
    public void setRejectionPolicy(RejectionPolicy rejectionPolicy) {
        this.rejectionPolicy = Objects.requireNonNull(rejectionPolicy, "rejectionPolicy");
    }

    /**
     * Returns what happens to a handler when every thread is busy and the queue is full.
     *
     * @return the policy
     */
    public RejectionPolicy getRejectionPolicy() {
        return this.rejectionPolicy;
    }

    /**
     * Not supported: saturation is decided by the {@link RejectionPolicy}, so that no handler can be
     * discarded without its IOU hearing of it.
     *
     * @param rejectedExecutionHandler ignored
     * @throws UnsupportedOperationException always
     */
    @Override
    public void setRejectedExecutionHandler(@Nullable RejectedExecutionHandler rejectedExecutionHandler) {
        throw new UnsupportedOperationException("IouTaskExecutor decides saturation by its RejectionPolicy, "
                + "so that no handler is dropped silently: use setRejectionPolicy(...)");
    }

    /**
     * Sets a decorator applied to every handler, for example to carry thread-local context onto the
     * pool; {@code null} for none.
     *
     * @param taskDecorator the decorator
     */
    @Override
    public void setTaskDecorator(@Nullable TaskDecorator taskDecorator) {
        // not handed to the superclass: its decorated task would hide which IOU a queued task belongs to
        this.taskDecorator = taskDecorator;
    }

    /**
     * Sets whether {@link #shutdown()} waits for queued and running handlers, up to the await period,
     * before rejecting what is left.
     *
     * @param waitForJobsToCompleteOnShutdown whether to wait
     */
    @Override
    public void setWaitForTasksToCompleteOnShutdown(boolean waitForJobsToCompleteOnShutdown) {
        this.waitForTasksToCompleteOnShutdown = waitForJobsToCompleteOnShutdown;
    }

    /**
     * Sets how long {@link #shutdown()} waits for handlers, in seconds.
     *
     * @param awaitTerminationSeconds the await period
     */
    @Override
    public void setAwaitTerminationSeconds(int awaitTerminationSeconds) {
        setAwaitTerminationMillis(awaitTerminationSeconds * 1000L);
    }

    /**
     * Sets how long {@link #shutdown()} waits for handlers, in milliseconds.
     *
     * @param awaitTerminationMillis the await period
     */
    @Override
    public void setAwaitTerminationMillis(long awaitTerminationMillis) {
        super.setAwaitTerminationMillis(awaitTerminationMillis);
        this.awaitTerminationMillis = awaitTerminationMillis;
    }

    /**
     * Sets the bean name, which also names the pool in errors and log messages.
     *
     * @param name the bean name
     */
    @Override
    public void setBeanName(String name) {
        super.setBeanName(name);
        this.beanName = name;
    }

    @Override
    protected ExecutorService initializeExecutor(ThreadFactory threadFactory,
            RejectedExecutionHandler rejectedExecutionHandler) {
        // Whatever our own setting, the superclass must believe it waits: otherwise, as the context
        // closes, its lifecycle stop holds the close until running handlers finish (up to the phase
        // timeout) even when this pool is not to wait. Waiting, or not, happens in shutdown().
        super.setWaitForTasksToCompleteOnShutdown(true);
        return super.initializeExecutor(threadFactory, this::saturated);
    }

    /**
     * Runs {@code task} on the pool, or applies the {@link RejectionPolicy} if the pool is saturated.
     *
     * @param task the handler
     * @throws NullPointerException if {@code task} is null
     * @throws RejectedExecutionException if the pool is saturated and the policy is
     *         {@link RejectionPolicy#REJECT}, or if the pool is shut down
     * @throws IllegalStateException if the pool was not initialized
     */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        ThreadPoolExecutor pool = getThreadPoolExecutor();
        TaskDecorator decorator = this.taskDecorator;
        Handler handler = new Handler(task, (decorator != null) ? decorator.decorate(task) : task);
        this.inFlight.incrementAndGet();
        // straight to the pool: the superclass would wrap our clear refusal in a TaskRejectedException
        pool.execute(handler);
    }

    /**
     * Submits {@code task} through {@link #execute}, so that shutdown accounts for it too.
     *
     * @param task the task
     * @return its future
     */
    @Override
    public Future<?> submit(Runnable task) {
        FutureTask<@Nullable Object> future = new FutureTask<>(task, null);
        execute(future);
        return future;
    }

    /**
     * Submits {@code task} through {@link #execute}, so that shutdown accounts for it too.
     *
     * @param task the task
     * @param <T> the result type
     * @return its future
     */
    @Override
    public <T> Future<T> submit(Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        execute(future);
        return future;
    }

    /**
     * Stops the pool: waits for handlers if configured to, then rejects the IOUs of handlers that
     * never ran, interrupts running ones and logs how many there were. Called when the bean is
     * destroyed; later calls do nothing.
     */
    @Override
    public void shutdown() {
        ThreadPoolExecutor pool;
        try {
            pool = getThreadPoolExecutor();
        }
        catch (IllegalStateException notInitialized) {
            return;
        }
        if (!this.shutDown.compareAndSet(false, true)) {
            return;
        }
        boolean interrupted = false;
        if (this.waitForTasksToCompleteOnShutdown) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.awaitTerminationMillis);
            try {
                awaitIdle(deadline);
                pool.shutdown();
                pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (InterruptedException ex) {
                interrupted = true;
            }
        }
        if (!pool.isTerminated()) {
            int running = pool.getActiveCount();
            abandon(pool.shutdownNow(), running);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitIdle(long deadline) throws InterruptedException {
        int pending = this.inFlight.get();
        if (pending == 0) {
            return;
        }
        if (this.logger.isInfoEnabled()) {
            this.logger.info("IOU scheduler '" + name() + "' is shutting down: waiting up to "
                    + this.awaitTerminationMillis + " ms for " + pending + " queued or running handler(s)");
        }
        this.draining = true;
        synchronized (this.idleMonitor) {
            long left;
            while (this.inFlight.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(this.idleMonitor, left);
            }
        }
    }

    /** Rejects the IOUs of handlers that will never run, and says how many there were. */
    private void abandon(List<Runnable> neverRan, int running) {
        int handlers = 0;
        int others = 0;
        for (Runnable queued : neverRan) {
            Runnable task = (queued instanceof Handler handler) ? handler.task : queued;
            if (task instanceof IOU<?> iou) {
                iou.reject(new RejectedExecutionException(
                        "IOU scheduler '" + name() + "' shut down before this handler ran"));
                handlers++;
            }
            else {
                if (task instanceof Future<?> future) {
                    future.cancel(true);
                }
                others++;
            }
        }
        if (handlers + others + running > 0 && this.logger.isWarnEnabled()) {
            String waited = this.waitForTasksToCompleteOnShutdown
                    ? "after waiting " + this.awaitTerminationMillis + " ms"
                    : "without waiting (waiting for handlers on shutdown is off)";
            this.logger.warn("IOU scheduler '" + name() + "' shut down " + waited + ": " + handlers
                    + " queued handler(s) never ran and their IOUs were rejected, " + others
                    + " other queued task(s) never ran, " + running + " running handler(s) were interrupted");
        }
    }

    /** The pool's {@link RejectedExecutionHandler}: applies the policy, never discards. */
    private void saturated(Runnable task, ThreadPoolExecutor pool) {
        recordSaturation();
        if (!pool.isShutdown() && this.rejectionPolicy == RejectionPolicy.CALLER_RUNS) {
            task.run();
            return;
        }
        if (task instanceof Handler) {
            finished();
        }
        if (pool.isShutdown()) {
            throw new RejectedExecutionException(
                    "IOU scheduler '" + name() + "' is shut down and runs no more handlers");
        }
        throw new RejectedExecutionException("IOU scheduler '" + name() + "' is saturated: all "
                + pool.getMaximumPoolSize() + " threads (max-size) are busy and its queue of "
                + getQueueCapacity() + " handlers (queue-capacity) is full. Raise max-size or queue-capacity, "
                + "or use the CALLER_RUNS rejection policy");
    }

    private void recordSaturation() {
        long now = System.nanoTime();
        if (saturations.sum() == 0 || now - lastSaturated > SATURATION_GAP_NANOS) {
            saturatedSince = now;
        }
        lastSaturated = now;
        saturations.increment();
    }

    /**
     * Returns how many handlers met a saturated pool (all threads busy, queue full) and were refused or
     * run on the caller.
     *
     * @return the count since the pool started
     */
    public long getSaturationCount() {
        return saturations.sum();
    }

    /**
     * Returns how long the pool has been saturated without a break: saturation events less than a
     * second apart count as one run.
     *
     * @return the length of the current run, or {@link Duration#ZERO} if the pool is not saturated now
     */
    public Duration getSaturatedFor() {
        if (saturations.sum() == 0) {
            return Duration.ZERO;
        }
        long now = System.nanoTime();
        long last = lastSaturated;
        if (now - last > SATURATION_GAP_NANOS) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, now - saturatedSince));
    }

    private void finished() {
        if (this.inFlight.decrementAndGet() == 0 && this.draining) {
            synchronized (this.idleMonitor) {
                this.idleMonitor.notifyAll();
            }
        }
    }

    private String name() {
        return (this.beanName != null) ? this.beanName : getThreadNamePrefix();
    }

    /** A handler on its way through the pool: keeps the undecorated task, and counts itself out when done. */
    private final class Handler implements Runnable {

        final Runnable task;

        private final Runnable decorated;

        Handler(Runnable task, Runnable decorated) {
            this.task = task;
            this.decorated = decorated;
        }

        @Override
        public void run() {
            try {
                this.decorated.run();
            }
            finally {
                finished();
            }
        }

        @Override
        public String toString() {
            return this.task.toString();
        }
    }
}
