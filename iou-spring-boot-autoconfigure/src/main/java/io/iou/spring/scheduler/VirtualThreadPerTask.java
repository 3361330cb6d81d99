package io.iou.spring.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs each task on a new virtual thread, as Spring Boot's executors do with virtual threads on: no
 * pool and no queue, bounded only by an optional limit on the tasks running at once. A task that would
 * pass the limit, or that arrives after {@link #shutdown()}, goes to the {@link RejectedExecutionHandler},
 * as with a {@code ThreadPoolExecutor}; {@code null} is passed as the executor.
 */
final class VirtualThreadPerTask extends AbstractExecutorService {

    private final ThreadFactory threads;

    private final int limit;

    private final RejectedExecutionHandler saturated;

    /** Tasks started and not finished: the limit counts these. */
    private final AtomicInteger active = new AtomicInteger();

    /** The threads of the tasks running now, to interrupt on {@link #shutdownNow()}. */
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();

    private final LongAdder completed = new LongAdder();

    private final Object terminated = new Object();

    private volatile boolean shutDown;

    /**
     * Creates the executor.
     *
     * @param threads makes the virtual threads
     * @param limit the most tasks running at once; negative for no limit
     * @param saturated decides what happens to a task refused at the limit or after shutdown
     */
    VirtualThreadPerTask(ThreadFactory threads, int limit, RejectedExecutionHandler saturated) {
        this.threads = threads;
        this.limit = limit;
        this.saturated = saturated;
    }

    @Override
    public void execute(Runnable task) {
        if (this.shutDown || !acquire()) {
            this.saturated.rejectedExecution(task, null);
            return;
        }
        try {
            this.threads.newThread(() -> run(task)).start();
        }
        catch (Throwable failure) {
            release();
            throw failure;
        }
    }

    private boolean acquire() {
        if (this.limit < 0) {
            this.active.incrementAndGet();
            return true;
        }
        for (;;) {
            int now = this.active.get();
            if (now >= this.limit) {
                return false;
            }
            if (this.active.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    private void run(Runnable task) {
        Thread thread = Thread.currentThread();
        this.running.add(thread);
        try {
            task.run();
        }
        finally {
            this.running.remove(thread);
            this.completed.increment();
            release();
        }
    }

    private void release() {
        if (this.active.decrementAndGet() == 0 && this.shutDown) {
            synchronized (this.terminated) {
                this.terminated.notifyAll();
            }
        }
    }

    /**
     * Returns the number of tasks running now.
     *
     * @return the tasks started and not finished
     */
    int activeCount() {
        return this.active.get();
    }

    /**
     * Returns the number of tasks that have finished.
     *
     * @return the count since the executor started
     */
    long completedCount() {
        return this.completed.sum();
    }

    /**
     * Returns the limit on tasks running at once.
     *
     * @return the limit, or a negative number for none
     */
    int limit() {
        return this.limit;
    }

    /** Refuses new tasks; running ones finish. */
    @Override
    public void shutdown() {
        this.shutDown = true;
    }

    /**
     * Refuses new tasks and interrupts running ones.
     *
     * @return an empty list: no task ever waits
     */
    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        for (Thread thread : this.running) {
            thread.interrupt();
        }
        return new ArrayList<>();
    }

    @Override
    public boolean isShutdown() {
        return this.shutDown;
    }

    @Override
    public boolean isTerminated() {
        return this.shutDown && this.active.get() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (this.terminated) {
            long left;
            while (!isTerminated()) {
                left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this.terminated, left);
            }
            return true;
        }
    }
}
