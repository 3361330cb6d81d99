package io.iou.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import io.iou.IOU;
import io.iou.spring.scheduler.IouScheduler;
import io.iou.spring.scheduler.TestPools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static io.iou.spring.scheduler.TestPools.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What happens to IOU handlers when the application context closes: the pool is one thread, held busy
 * at the gate while handlers queue behind it.
 */
@ExtendWith(OutputCaptureExtension.class)
class IouSchedulerShutdownTests {

    private static final int QUEUED = 20;

    private static final int CHAIN = 5;

    @RegisterExtension
    final TestPools pools = new TestPools();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(IouSchedulerAutoConfiguration.class))
        .withPropertyValues("iou.scheduler.core-size=1");

    private final AtomicInteger ran = new AtomicInteger();

    @Test
    void handlersQueuedAtContextCloseAllRun(CapturedOutput output) {
        this.runner.run((context) -> {
            List<IOU<Integer>> handlers = queueHandlersBehindABusyThread(context);
            Thread closing = new Thread(context::close);

            closing.start();
            await().atMost(WAIT).until(() -> output.toString()
                .contains("'iouTaskExecutor' is shutting down: waiting up to 10000 ms for " + (QUEUED + 2)));
            this.pools.openGate();
            closing.join(WAIT.toMillis());

            assertThat(closing.isAlive()).isFalse();
            // the chain's later links were handed to the pool while the context was closing
            assertThat(this.ran).hasValue(QUEUED + CHAIN);
            assertThat(handlers).allSatisfy((handler) -> assertThat(handler.isFulfilled()).isTrue());
        });
    }

    @Test
    void handlersLeftAfterTheAwaitPeriodAreRejectedAndCounted(CapturedOutput output) {
        this.runner.withPropertyValues("iou.scheduler.shutdown.await-termination-period=200ms").run((context) -> {
            List<IOU<Integer>> handlers = queueHandlersBehindABusyThread(context);

            context.close();

            assertNeverRanAndRejected(handlers);
            assertThat(output).contains("'iouTaskExecutor' shut down after waiting 200 ms: " + (QUEUED + 1)
                    + " queued handler(s) never ran and their IOUs were rejected, 0 other queued task(s) never ran, "
                    + "1 running handler(s) were interrupted");
        });
    }

    @Test
    void withoutAwaitTerminationQueuedHandlersAreRejectedAtClose(CapturedOutput output) {
        this.runner.withPropertyValues("iou.scheduler.shutdown.await-termination=false").run((context) -> {
            List<IOU<Integer>> handlers = queueHandlersBehindABusyThread(context);

            context.close();

            assertNeverRanAndRejected(handlers);
            assertThat(output).contains("'iouTaskExecutor' shut down without waiting")
                .doesNotContain("still running after timeout");
        });
    }

    /**
     * Occupies the pool's one thread, then queues {@value #QUEUED} handlers and the first link of a
     * chain of {@value #CHAIN}; each handler counts itself in {@link #ran}.
     */
    private List<IOU<Integer>> queueHandlersBehindABusyThread(ConfigurableApplicationContext context)
            throws InterruptedException {
        IouScheduler scheduler = context.getBean(IouScheduler.class);
        this.pools.occupyThread(scheduler.executor());
        IOU<Integer> source = scheduler.newIou();
        List<IOU<Integer>> handlers = new ArrayList<>();
        for (int i = 0; i < QUEUED; i++) {
            handlers.add(source.addFulfilledHandler(this::count));
        }
        IOU<Integer> link = source;
        for (int i = 0; i < CHAIN; i++) {
            link = link.addFulfilledHandler(this::count);
            handlers.add(link);
        }
        source.fulfill(0);
        return handlers;
    }

    private int count(int value) {
        this.ran.incrementAndGet();
        return value + 1;
    }

    private void assertNeverRanAndRejected(List<IOU<Integer>> handlers) {
        assertThat(this.ran).hasValue(0);
        assertThat(handlers).allSatisfy((handler) -> assertThat(handler.getValue())
            .isInstanceOf(RejectedExecutionException.class));
    }
}
