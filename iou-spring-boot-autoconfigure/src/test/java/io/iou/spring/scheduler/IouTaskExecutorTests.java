package io.iou.spring.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

import io.iou.IOU;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.iou.spring.scheduler.TestPools.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IouTaskExecutorTests {

    @RegisterExtension
    final TestPools pools = new TestPools();

    @Test
    void saturatedPoolRejectsTheHandlersIouNamingThePoolAndItsLimits() throws Exception {
        IouTaskExecutor pool = this.pools.pool(1, 1, RejectionPolicy.REJECT);
        this.pools.saturate(pool);
        IOU<Integer> source = IOU.bound(pool);
        IOU<Integer> handler = source.addFulfilledHandler((value) -> value + 1);

        source.fulfill(1);

        assertThat(handler.getValue()).isInstanceOfSatisfying(RejectedExecutionException.class,
                (refusal) -> assertThat(refusal.getMessage()).contains("'testPool' is saturated",
                        "all 1 threads (max-size)", "queue of 1 handlers (queue-capacity)"));
    }

    @Test
    void callerRunsPolicyRunsTheHandlerOnTheSettlingThread() throws Exception {
        IouTaskExecutor pool = this.pools.pool(1, 1, RejectionPolicy.CALLER_RUNS);
        this.pools.saturate(pool);
        IOU<Integer> source = IOU.bound(pool);
        IOU<Thread> handler = source.addFulfilledHandler((value) -> Thread.currentThread());

        source.fulfill(1);

        assertThat(handler.await(WAIT)).isSameAs(Thread.currentThread());
    }

    @Test
    void handlersOfferedAfterShutdownAreRefusedEvenWithCallerRuns() {
        IouTaskExecutor pool = this.pools.pool(1, 1, RejectionPolicy.CALLER_RUNS);
        pool.shutdown();
        IOU<Integer> source = IOU.bound(pool);
        IOU<Integer> handler = source.addFulfilledHandler((value) -> value + 1);

        source.fulfill(1);

        assertThat(handler.getValue()).isInstanceOfSatisfying(RejectedExecutionException.class,
                (refusal) -> assertThat(refusal.getMessage()).contains("'testPool' is shut down"));
    }

    @Test
    void taskDecoratorWrapsEveryHandler() throws Exception {
        ThreadLocal<String> context = new ThreadLocal<>();
        IouTaskExecutor pool = new IouTaskExecutor();
        pool.setTaskDecorator((task) -> () -> {
            context.set("decorated");
            try {
                task.run();
            }
            finally {
                context.remove();
            }
        });
        this.pools.start(pool);
        IOU<Integer> source = IOU.bound(pool);
        IOU<String> handler = source.addFulfilledHandler((value) -> context.get());

        source.fulfill(1);

        assertThat(handler.await(WAIT)).isEqualTo("decorated");
    }

    @Test
    void refusesAnotherRejectedExecutionHandlerSoThatNoHandlerCanBeDroppedSilently() {
        IouTaskExecutor pool = new IouTaskExecutor();

        assertThatExceptionOfType(UnsupportedOperationException.class)
            .isThrownBy(() -> pool.setRejectedExecutionHandler(new ThreadPoolExecutor.DiscardPolicy()))
            .withMessageContaining("setRejectionPolicy");
    }

    @Test
    void shutdownLetsEveryChainInProgressRunToItsEnd() throws Exception {
        IouTaskExecutor pool = this.pools.pool(4, 10_000, RejectionPolicy.REJECT);
        pool.setWaitForTasksToCompleteOnShutdown(true);
        pool.setAwaitTerminationSeconds(30);
        int producers = 4;
        int chainsPerProducer = 100;
        int links = 10;
        AtomicInteger ran = new AtomicInteger();
        Queue<IOU<Integer>> ends = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            Thread producer = new Thread(() -> {
                for (int c = 0; c < chainsPerProducer; c++) {
                    IOU<Integer> source = IOU.bound(pool);
                    IOU<Integer> link = source;
                    for (int l = 0; l < links; l++) {
                        link = link.addFulfilledHandler((value) -> {
                            ran.incrementAndGet();
                            return value + 1;
                        });
                    }
                    ends.add(link);
                    source.fulfill(0);
                }
            });
            threads.add(producer);
            producer.start();
        }
        for (Thread producer : threads) {
            producer.join();
        }

        // later links reach the pool only as earlier ones run, many of them while shutdown waits
        pool.shutdown();

        assertThat(ran).hasValue(producers * chainsPerProducer * links);
        assertThat(ends).hasSize(producers * chainsPerProducer)
            .allSatisfy((end) -> assertThat(end.getValue()).isEqualTo(links));
    }
}
