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
 * <b>Virtual threads.</b> With {@link #setVirtualThreads virtual threads} (Java 21+) each handler
 * runs on a virtual thread of its own, as Spring Boot's own executors do with virtual threads on: there
 * is no pool and no queue, so core and max size, queue capacity and keep-alive do not apply. An
 * optional {@link #setConcurrencyLimit concurrency limit} bounds the handlers running at once; a handler
 * beyond it meets a saturated executor, and the {@link RejectionPolicy} decides as above. Shutdown
 * waits for running handlers as above, then interrupts those still running; handlers offered after it
 * are refused. Spring Boot's executor metrics read only a thread pool, so in this mode the starter
 * publishes the same {@code executor.*} meters itself.
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

    private boolean virtualThreads;

    private int concurrencyLimit = -1;

    /** Where handlers go once initialized: the thread pool, or a virtual thread per handler. */
    private @Nullable ExecutorService handlers;

    /** The virtual-thread executor, in that mode. */
    private @Nullable VirtualThreadPerTask virtual;

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

    /**
     * Sets whether each handler runs on a virtual thread of its own (Java 21+) instead of the pool.
     *
     * @param virtual whether to use virtual threads
     */
    @Override
    public void setVirtualThreads(boolean virtual) {
        super.setVirtualThreads(virtual);
        this.virtualThreads = virtual;
    }

    /**
     * Returns whether each handler runs on a virtual thread of its own.
     *
     * @return whether virtual threads are on
     */
    public boolean isVirtualThreads() {
        return this.virtualThreads;
    }

    /**
     * Sets the most handlers that run at once on virtual threads; ignored on the thread pool, which
     * its max size bounds.
     *
     * @param concurrencyLimit at least 1, or a negative number for no limit (the default)
     * @throws IllegalArgumentException if {@code concurrencyLimit} is 0
     */
    public void setConcurrencyLimit(int concurrencyLimit) {
        if (concurrencyLimit == 0) {
            throw new IllegalArgumentException("concurrencyLimit must be at least 1, or negative for no limit");
        }
        this.concurrencyLimit = concurrencyLimit;
    }

    /**
     * Returns the most handlers that run at once on virtual threads.
     *
     * @return the limit, or a negative number for none
     */
    public int getConcurrencyLimit() {
        return this.concurrencyLimit;
    }

    @Override
    protected ExecutorService initializeExecutor(ThreadFactory threadFactory,
            RejectedExecutionHandler rejectedExecutionHandler) {
        // Whatever our own setting, the superclass must believe it waits: otherwise, as the context
        // closes, its lifecycle stop holds the close until running handlers finish (up to the phase
        // timeout) even when this pool is not to wait. Waiting, or not, happens in shutdown().
        super.setWaitForTasksToCompleteOnShutdown(true);
        if (this.virtualThreads) {
            // the superclass made the factory one of virtual threads; no pool is made at all
            this.virtual = new VirtualThreadPerTask(threadFactory, this.concurrencyLimit, this::saturated);
            this.handlers = this.virtual;
        }
        else {
            this.handlers = super.initializeExecutor(threadFactory, this::saturated);
        }
        return this.handlers;
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
        ExecutorService target = this.handlers;
        if (target == null) {
            throw new IllegalStateException("IOU scheduler '" + name() + "' was not initialized");
        }
        TaskDecorator decorator = this.taskDecorator;
        Handler handler = new Handler(task, (decorator != null) ? decorator.decorate(task) : task);
        this.inFlight.incrementAndGet();
        // straight to the pool: the superclass would wrap our clear refusal in a TaskRejectedException
        target.execute(handler);
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
        ExecutorService pool = this.handlers;
        if (pool == null || !this.shutDown.compareAndSet(false, true)) {
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
            int running = getActiveCount();
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

    /**
     * The pool's {@link RejectedExecutionHandler}: applies the policy, never discards. {@code pool} is
     * null for virtual threads.
     */
    private void saturated(Runnable task, @Nullable ThreadPoolExecutor pool) {
        boolean shutDown = Objects.requireNonNull(this.handlers).isShutdown();
        recordSaturation();
        if (!shutDown && this.rejectionPolicy == RejectionPolicy.CALLER_RUNS) {
            task.run();
            return;
        }
        if (task instanceof Handler) {
            finished();
        }
        if (shutDown) {
            throw new RejectedExecutionException(
                    "IOU scheduler '" + name() + "' is shut down and runs no more handlers");
        }
        if (pool == null) {
            throw new RejectedExecutionException("IOU scheduler '" + name() + "' is saturated: "
                    + this.concurrencyLimit + " handlers (its concurrency-limit) are running on virtual threads. "
                    + "Raise concurrency-limit, or use the CALLER_RUNS rejection policy");
        }
        throw new RejectedExecutionException("IOU scheduler '" + name() + "' is saturated: all "
                + pool.getMaximumPoolSize() + " threads (max-size) are busy and its queue of "
                + getQueueCapacity() + " handlers (queue-capacity) is full. Raise max-size or queue-capacity, "
                + "or use the CALLER_RUNS rejection policy");
    }

    /**
     * Returns the number of handlers running now.
     *
     * @return the active threads of the pool, or the handlers running on virtual threads
     */
    @Override
    public int getActiveCount() {
        VirtualThreadPerTask perTask = this.virtual;
        return (perTask != null) ? perTask.activeCount() : super.getActiveCount();
    }

    /**
     * Returns the number of threads: with virtual threads, one per running handler.
     *
     * @return the pool's size, or the handlers running on virtual threads
     */
    @Override
    public int getPoolSize() {
        VirtualThreadPerTask perTask = this.virtual;
        return (perTask != null) ? perTask.activeCount() : super.getPoolSize();
    }

    /**
     * Returns the number of handlers and other tasks that have finished.
     *
     * @return the count since the executor started; 0 before it is initialized
     */
    public long getCompletedTaskCount() {
        VirtualThreadPerTask perTask = this.virtual;
        if (perTask != null) {
            return perTask.completedCount();
        }
        try {
            return getThreadPoolExecutor().getCompletedTaskCount();
        }
        catch (IllegalStateException notInitialized) {
            return 0;
        }
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
