package io.iou.spring.scheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pools for tests, and a gate that keeps their threads busy until it opens: the way to fill a pool
 * without timing. After each test the gate opens and the pools made here shut down. Register with
 * {@code @RegisterExtension}.
 */
public final class TestPools implements AfterEachCallback {

    /** How long a test waits for something that should happen at once. */
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final CountDownLatch gate = new CountDownLatch(1);

    private final List<IouTaskExecutor> pools = new ArrayList<>();

    /**
     * Returns an initialized pool named {@code testPool}, shut down after the test.
     *
     * @param threads core and max size
     * @param queueCapacity the queue capacity
     * @param policy the rejection policy
     * @return the pool
     */
    public IouTaskExecutor pool(int threads, int queueCapacity, RejectionPolicy policy) {
        IouTaskExecutor pool = new IouTaskExecutor();
        pool.setCorePoolSize(threads);
        pool.setMaxPoolSize(threads);
        pool.setQueueCapacity(queueCapacity);
        pool.setRejectionPolicy(policy);
        pool.setThreadNamePrefix("test-pool-");
        return start(pool);
    }

    /**
     * Names {@code pool} {@code testPool}, initializes it and shuts it down after the test.
     *
     * @param pool a configured pool
     * @return the pool
     */
    public IouTaskExecutor start(IouTaskExecutor pool) {
        pool.setBeanName("testPool");
        pool.initialize();
        this.pools.add(pool);
        return pool;
    }

    /**
     * Keeps one thread of {@code executor} busy until the gate opens, and returns once it is.
     *
     * @param executor the pool
     * @throws InterruptedException if interrupted while waiting for the thread to start
     */
    public void occupyThread(Executor executor) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        executor.execute(() -> {
            started.countDown();
            awaitGate();
        });
        assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("blocking task started").isTrue();
    }

    /**
     * Keeps the one thread of a single-thread pool busy and fills its queue of one.
     *
     * @param pool a pool of one thread and a queue of one
     * @throws InterruptedException if interrupted while waiting for the thread to start
     */
    public void saturate(IouTaskExecutor pool) throws InterruptedException {
        occupyThread(pool);
        pool.execute(this::awaitGate);
    }

    /** Lets every task held at the gate finish. */
    public void openGate() {
        this.gate.countDown();
    }

    /** Waits for the gate to open; an interrupt (from a shutdown) ends the wait too. */
    public void awaitGate() {
        awaitQuietly(this.gate);
    }

    /**
     * Waits for {@code latch} in a task that keeps a pool thread busy; an interrupt (from a shutdown)
     * ends the wait too, and is kept.
     *
     * @param latch what the task waits for
     */
    public static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        openGate();
        this.pools.forEach(IouTaskExecutor::shutdown);
    }
}
