package io.iou.benchmarks.web;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;

/**
 * The pool every variant computes its value on, so that variants differ only in what the controller
 * returns. Deliberately not an {@code Executor} bean, which would switch off Boot's own executors.
 */
final class LoadPool implements DisposableBean {

    /** Threads in the pool: enough to keep two cores busy without a queue forming. */
    static final int THREADS = 4;

    final ExecutorService executor;

    LoadPool() {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "load-pool-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
