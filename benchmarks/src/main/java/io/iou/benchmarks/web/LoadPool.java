package io.iou.benchmarks.web;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.iou.spring.scheduler.IouScheduler;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

    /** The pool and the {@link IouScheduler} on it, shared by every load app. */
    @Configuration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        LoadPool loadPool() {
            return new LoadPool();
        }

        @Bean
        IouScheduler iouScheduler(LoadPool pool) {
            return new IouScheduler(pool.executor);
        }
    }
}
