package io.iou.spring.aop;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.scheduling.annotation.Async;

import io.iou.IOU;
import io.iou.test.IouVirtualTime;
import io.iou.test.VirtualIouTimer;

import static io.iou.test.IouAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interceptors' races, on real threads and many times over: a cancel or a stop racing with the
 * end of a back-off, a cancel racing with the start of an {@code @Async} call. Whichever wins, the
 * method runs at most as often as it may, the caller's IOU settles once, and nothing is left behind.
 */
@IouVirtualTime
class IouMethodInterceptorRaceTests {

    private static final int ITERATIONS = 2000;

    private static final MethodInterceptor SPRINGS = invocation -> {
        throw new AssertionError("only IOU-returning methods are called here");
    };

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aCancelRacingTheEndOfABackOffEitherStopsTheNextCallOrWithdrawsFromIt(VirtualIouTimer time) throws Exception {
        for (int i = 0; i < ITERATIONS; i++) {
            Service service = new Service();
            IouRetryInterceptor retry = new IouRetryInterceptor(SPRINGS, Runnable::run, null, null, null);
            Api api = proxy(service, retry);

            IOU<String> answer = api.retried();
            race(() -> time.advance(Duration.ofSeconds(1)), answer::cancel);

            assertThat(answer).isCancelled();
            assertThat(time.pendingTasks()).isZero();
            if (service.calls.get() == 2) {
                assertThat(service.second).as("iteration %d", i).isCancelled();
            }
            else {
                assertThat(service.calls).as("iteration %d", i).hasValue(1);
            }
        }
    }

    @Test
    void aStopRacingTheEndOfABackOffEitherGivesUpOrLetsTheCallInFlightFinish(VirtualIouTimer time) throws Exception {
        for (int i = 0; i < ITERATIONS; i++) {
            Service service = new Service();
            IouRetryInterceptor retry = new IouRetryInterceptor(SPRINGS, Runnable::run, null, null, null);
            Api api = proxy(service, retry);

            IOU<String> answer = api.retried();
            race(() -> time.advance(Duration.ofSeconds(1)), retry::stop);

            assertThat(time.pendingTasks()).isZero();
            if (service.calls.get() == 1) {
                assertThat(answer).as("iteration %d", i).isRejectedWith(service.first);
                assertThat(service.first.getSuppressed()).singleElement().isInstanceOf(IllegalStateException.class);
            }
            else {
                assertThat(answer).as("iteration %d", i).isPending();
                service.second.reject(new IOException("second"));
                assertThat(answer).as("stopped: no third call").isRejectedWithInstanceOf(IOException.class);
                assertThat(service.calls).hasValue(2);
            }
        }
    }

    @Test
    void aCancelRacingTheStartOfAnAsyncCallEitherSkipsItOrWithdrawsFromIt() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < ITERATIONS; i++) {
                Service service = new Service();
                IouAsyncExecutionInterceptor async = new IouAsyncExecutionInterceptor(SPRINGS);
                async.setExecutor(pool);
                Api api = proxy(service, async);

                IOU<String> answer = api.async();
                answer.cancel();
                pool.submit(() -> { }).get(20, TimeUnit.SECONDS); // the call has run, or been skipped

                assertThat(answer).isCancelled();
                assertThat(service.calls.get()).as("iteration %d", i).isLessThanOrEqualTo(1);
                if (service.calls.get() == 1) {
                    assertThat(service.second).as("iteration %d", i).isCancelled();
                }
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    /** Runs both at once, as far as two threads can. */
    private void race(Runnable one, Runnable other) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        Future<?> first = threads.submit(() -> {
            start.await();
            one.run();
            return null;
        });
        Future<?> second = threads.submit(() -> {
            start.await();
            other.run();
            return null;
        });
        start.countDown();
        first.get(20, TimeUnit.SECONDS);
        second.get(20, TimeUnit.SECONDS);
    }

    private static Api proxy(Service service, MethodInterceptor interceptor) {
        ProxyFactory factory = new ProxyFactory(service);
        factory.addInterface(Api.class);
        factory.addAdvice(interceptor);
        return (Api) factory.getProxy();
    }

    /** What the proxies expose. */
    interface Api {

        IOU<String> retried();

        IOU<String> async();
    }

    /** The first call fails; the next returns {@link #second}, which the test settles. */
    static final class Service implements Api {

        final AtomicInteger calls = new AtomicInteger();

        final IOException first = new IOException("first");

        final IOU<String> second = new IOU<>();

        @Override
        @Retryable(delay = 1000)
        public IOU<String> retried() {
            return calls.incrementAndGet() == 1 ? IOU.rejected(first) : second;
        }

        @Override
        @Async
        public IOU<String> async() {
            calls.incrementAndGet();
            return second;
        }
    }
}
