package io.iou.spring.http;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.iou.spring.scheduler.IouScheduler;

/** An {@link IouScheduler} on a small pool whose threads are named {@value #THREAD_PREFIX}N. */
public final class TestIouScheduler implements AutoCloseable {

    /** Prefix of the pool's thread names. */
    public static final String THREAD_PREFIX = "iou-test-";

    private final ExecutorService pool;

    private final IouScheduler scheduler;

    /** Starts the pool. */
    public TestIouScheduler() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = (task) -> {
            Thread thread = new Thread(task, THREAD_PREFIX + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.pool = Executors.newFixedThreadPool(4, threads);
        this.scheduler = new IouScheduler(this.pool);
    }

    /**
     * Returns the scheduler.
     *
     * @return a scheduler on the named pool
     */
    public IouScheduler scheduler() {
        return this.scheduler;
    }

    @Override
    public void close() throws InterruptedException {
        this.pool.shutdown();
        if (!this.pool.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("IOU test pool did not stop");
        }
    }
}
