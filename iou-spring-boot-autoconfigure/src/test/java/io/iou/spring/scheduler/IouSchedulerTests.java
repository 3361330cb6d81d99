package io.iou.spring.scheduler;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.iou.IOU;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.iou.spring.scheduler.TestPools.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowable;

class IouSchedulerTests {

    @RegisterExtension
    final TestPools pools = new TestPools();

    private final IouTaskExecutor pool = this.pools.pool(1, 1, RejectionPolicy.REJECT);

    private final IouScheduler scheduler = new IouScheduler(this.pool);

    @Test
    void newIouRunsItsChainOnThePool() throws Exception {
        IOU<Integer> source = this.scheduler.newIou();
        IOU<String> thread = source.addFulfilledHandler((value) -> value + 1)
            .addFulfilledHandler((value) -> Thread.currentThread().getName());

        source.fulfill(1);

        assertThat(source.executor()).isSameAs(this.pool);
        assertThat(thread.await(WAIT)).startsWith("test-pool-");
    }

    @Test
    void supplyRunsTheTaskOnThePoolAndBindsItsIou() throws Exception {
        IOU<String> supplied = this.scheduler.supply(() -> Thread.currentThread().getName());

        assertThat(supplied.await(WAIT)).startsWith("test-pool-");
        assertThat(supplied.executor()).isSameAs(this.pool);
    }

    @Test
    void aHandlerOfASuppliedIouGoesOnOnTheThreadThatRanTheTask() throws Exception {
        IouTaskExecutor twoThreads = this.pools.pool(2, 10, RejectionPolicy.REJECT);
        AtomicInteger handedToThePool = new AtomicInteger();
        IouScheduler scheduler = new IouScheduler((task) -> {
            handedToThePool.incrementAndGet();
            twoThreads.execute(task);
        });
        for (int i = 0; i < 200; i++) {
            handedToThePool.set(0);
            CountDownLatch handlerAdded = new CountDownLatch(1);
            IOU<Thread> supplied = scheduler.supply(() -> {
                TestPools.awaitQuietly(handlerAdded);
                return Thread.currentThread();
            });
            IOU<Boolean> sameThread = supplied.addFulfilledHandler((by) -> by == Thread.currentThread());
            handlerAdded.countDown();

            assertThat(sameThread.await(WAIT)).isTrue();
            assertThat(handedToThePool).hasValue(1);
        }
    }

    @Test
    void supplyRejectsItsIouWithWhatTheTaskThrows() {
        IllegalStateException failure = new IllegalStateException("boom");
        IOU<Object> supplied = this.scheduler.supply(() -> {
            throw failure;
        });

        assertThat(catchThrowable(() -> supplied.await(WAIT))).hasCause(failure);
    }

    @Test
    void supplyRejectsItsIouWhenThePoolRefusesTheTask() throws Exception {
        this.pools.saturate(this.pool);

        IOU<String> supplied = this.scheduler.supply(() -> "never");

        assertThat(supplied.getValue()).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void supplyRejectsItsIouWhenShutdownLeavesTheTaskUnrun() throws Exception {
        this.pools.occupyThread(this.pool);
        IOU<String> supplied = this.scheduler.supply(() -> "never");

        this.pool.shutdown();

        assertThat(supplied.getValue()).isInstanceOfSatisfying(RejectedExecutionException.class,
                (refusal) -> assertThat(refusal.getMessage()).contains("shut down before this handler ran"));
    }

    @Test
    void supplyDoesNotRunTheTaskOfAnIouCancelledBeforeItStarts() throws Exception {
        IouScheduler scheduler = new IouScheduler(this.pools.pool(1, 10, RejectionPolicy.REJECT));
        this.pools.occupyThread(scheduler.executor());
        AtomicBoolean ran = new AtomicBoolean();
        IOU<Boolean> supplied = scheduler.supply(() -> ran.getAndSet(true));
        IOU<Boolean> next = scheduler.supply(() -> true);

        supplied.cancel();
        this.pools.openGate();
        // one thread, first in first out: once the next task has run, the supplied one has had its turn
        next.await(WAIT);

        assertThat(ran).isFalse();
        assertThat(supplied.isCancelled()).isTrue();
    }

    @Test
    void rejectsNullArguments() {
        assertThatNullPointerException().isThrownBy(() -> new IouScheduler(null)).withMessage("executor");
        assertThatNullPointerException().isThrownBy(() -> this.scheduler.supply(null)).withMessage("task");
    }
}
