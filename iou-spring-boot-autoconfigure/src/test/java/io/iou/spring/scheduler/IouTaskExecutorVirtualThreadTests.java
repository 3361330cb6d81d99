package io.iou.spring.scheduler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.iou.IOU;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.iou.spring.scheduler.TestPools.WAIT;
import static io.iou.spring.scheduler.TestPools.awaitQuietly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * With virtual threads each handler runs on a thread of its own, bounded only by the concurrency
 * limit, which saturates under the rejection policy; shutdown drains, then interrupts.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class IouTaskExecutorVirtualThreadTests {

    @RegisterExtension
    final TestPools pools = new TestPools();

    private IouTaskExecutor virtual(int concurrencyLimit, RejectionPolicy policy) {
        IouTaskExecutor executor = new IouTaskExecutor();
        executor.setVirtualThreads(true);
        executor.setConcurrencyLimit(concurrencyLimit);
        executor.setRejectionPolicy(policy);
        executor.setThreadNamePrefix("virtual-iou-");
        return this.pools.start(executor);
    }

    @Test
    void twoHundredBlockedHandlersAllRunAtOnceEachOnAVirtualThreadOfItsOwn() throws Exception {
        IouTaskExecutor executor = virtual(-1, RejectionPolicy.REJECT);
        CountDownLatch allRunning = new CountDownLatch(200);
        IOU<Integer> source = IOU.bound(executor);
        List<IOU<Thread>> handlers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            handlers.add(source.addFulfilledHandler((value) -> {
                allRunning.countDown();
                this.pools.awaitGate();
                return Thread.currentThread();
            }));
        }

        source.fulfill(1);

        // a pool of any fixed size smaller than 200 would never get here
        assertThat(allRunning.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(executor.getActiveCount()).isEqualTo(200);
        assertThat(executor.getPoolSize()).isEqualTo(200);
        this.pools.openGate();
        Set<Thread> threads = new HashSet<>();
        for (IOU<Thread> handler : handlers) {
            Thread thread = handler.await(WAIT);
            assertThat(Thread.class.getMethod("isVirtual").invoke(thread)).isEqualTo(true);
            assertThat(thread.getName()).startsWith("virtual-iou-");
            threads.add(thread);
        }
        assertThat(threads).hasSize(200);
        assertThatIllegalStateException().isThrownBy(executor::getThreadPoolExecutor);
    }

    @Test
    void theConcurrencyLimitSaturatesAndTheRejectionPolicyDecides() throws Exception {
        IouTaskExecutor executor = virtual(2, RejectionPolicy.REJECT);
        this.pools.occupyThread(executor);
        this.pools.occupyThread(executor);
        IOU<Integer> source = IOU.bound(executor);
        IOU<Integer> refused = source.addFulfilledHandler((value) -> value + 1);

        source.fulfill(1);

        assertThat(refused.getValue()).isInstanceOfSatisfying(RejectedExecutionException.class,
                (refusal) -> assertThat(refusal.getMessage()).contains("'testPool' is saturated",
                        "2 handlers (its concurrency-limit) are running on virtual threads"));
        assertThat(executor.getSaturationCount()).isEqualTo(1);
        this.pools.openGate();
        await().atMost(WAIT).until(() -> executor.getActiveCount() == 0);
        IOU<Integer> again = IOU.bound(executor);
        IOU<Integer> ran = again.addFulfilledHandler((value) -> value + 1);
        again.fulfill(1);
        assertThat(ran.await(WAIT)).isEqualTo(2);
    }

    @Test
    void callerRunsAtTheLimitRunsTheHandlerOnTheSettlingThread() throws Exception {
        IouTaskExecutor executor = virtual(1, RejectionPolicy.CALLER_RUNS);
        this.pools.occupyThread(executor);
        IOU<Integer> source = IOU.bound(executor);
        IOU<Thread> handler = source.addFulfilledHandler((value) -> Thread.currentThread());

        source.fulfill(1);

        assertThat(handler.await(WAIT)).isSameAs(Thread.currentThread());
    }

    @Test
    void shutdownWaitsForRunningHandlersThenInterruptsThoseLeftAndRefusesNewOnes() throws Exception {
        IouTaskExecutor executor = virtual(-1, RejectionPolicy.CALLER_RUNS);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationMillis(200);
        CountDownLatch finishing = new CountDownLatch(1);
        CountDownLatch stuckStarted = new CountDownLatch(1);
        IOU<Integer> source = IOU.bound(executor);
        IOU<String> finishes = source.addFulfilledHandler((value) -> {
            awaitQuietly(finishing);
            return "finished";
        });
        IOU<String> stuck = source.addFulfilledHandler((value) -> {
            stuckStarted.countDown();
            try {
                new CountDownLatch(1).await();
                return "never";
            }
            catch (InterruptedException ex) {
                return "interrupted";
            }
        });
        source.fulfill(1);
        assertThat(stuckStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Thread closing = new Thread(executor::shutdown);
        closing.start();
        finishing.countDown();
        closing.join(WAIT.toMillis());

        assertThat(finishes.await(WAIT)).isEqualTo("finished");
        assertThat(stuck.await(WAIT)).isEqualTo("interrupted");
        IOU<Integer> late = IOU.bound(executor);
        IOU<Integer> refused = late.addFulfilledHandler((value) -> value);
        late.fulfill(1);
        assertThat(catchThrowable(() -> refused.await(WAIT))).hasCauseInstanceOf(RejectedExecutionException.class);
    }
}
