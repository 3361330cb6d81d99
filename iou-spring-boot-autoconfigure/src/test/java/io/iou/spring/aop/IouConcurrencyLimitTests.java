package io.iou.spring.aop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.resilience.InvocationRejectedException;
import org.springframework.resilience.annotation.ConcurrencyLimit;
import org.springframework.resilience.annotation.ConcurrencyLimit.ThrottlePolicy;
import org.springframework.resilience.annotation.EnableResilientMethods;

import io.iou.IOU;
import io.iou.spring.boot.autoconfigure.IouMethodInterceptorsAutoConfiguration;

import static io.iou.test.IouAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** {@code @ConcurrencyLimit} on methods that return IOUs: a permit is held until the IOU settles. */
class IouConcurrencyLimitTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IouMethodInterceptorsAutoConfiguration.class))
            .withUserConfiguration(LimitConfiguration.class);

    @Test
    void aPermitIsHeldUntilTheIouSettlesNotUntilTheMethodReturns() {
        runner.run(context -> {
            Limited limited = context.getBean(Limited.class);
            IOU<String> work = new IOU<>();

            IOU<String> first = limited.rejectingWhenBusy(work);

            assertThatExceptionOfType(InvocationRejectedException.class)
                    .isThrownBy(() -> limited.rejectingWhenBusy(IOU.fulfilled("second")))
                    .withMessageContaining("Concurrency limit reached: 1");
            work.fulfill("first");
            assertThat(first).isFulfilledWith("first");
            assertThat(limited.rejectingWhenBusy(IOU.fulfilled("third"))).isFulfilledWith("third");
        });
    }

    @Test
    void aRejectionReleasesThePermitAndReachesTheCaller() {
        runner.run(context -> {
            Limited limited = context.getBean(Limited.class);
            IllegalStateException boom = new IllegalStateException("boom");

            assertThat(limited.rejectingWhenBusy(IOU.rejected(boom))).isRejectedWith(boom);
            assertThat(limited.rejectingWhenBusy(IOU.fulfilled("next"))).isFulfilledWith("next");
        });
    }

    @Test
    void aMethodThatThrowsReleasesThePermit() {
        runner.run(context -> {
            Limited limited = context.getBean(Limited.class);

            assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> limited.rejectingWhenBusy(null));
            assertThat(limited.rejectingWhenBusy(IOU.fulfilled("next"))).isFulfilledWith("next");
        });
    }

    @Test
    void cancellingTheCallersIouReleasesThePermitAndCancelsTheWork() {
        runner.run(context -> {
            Limited limited = context.getBean(Limited.class);
            IOU<String> work = new IOU<>();

            limited.rejectingWhenBusy(work).cancel();

            assertThat(work).isCancelled();
            assertThat(limited.rejectingWhenBusy(IOU.fulfilled("next"))).isFulfilledWith("next");
        });
    }

    @Test
    void theBlockPolicyMakesTheCallerWaitUntilAnIouSettles() {
        runner.run(context -> {
            Limited limited = context.getBean(Limited.class);
            IOU<String> work = new IOU<>();
            limited.blockingWhenBusy(work);
            ExecutorService caller = Executors.newSingleThreadExecutor();
            try {
                Thread[] waiting = new Thread[1];
                Future<IOU<String>> second = caller.submit(() -> {
                    waiting[0] = Thread.currentThread();
                    return limited.blockingWhenBusy(IOU.fulfilled("second"));
                });
                await().atMost(WAIT).until(() -> waiting[0] != null && waiting[0].getState() == Thread.State.WAITING);
                assertThat(second).isNotDone();

                work.fulfill("first");

                assertThat(second.get(20, TimeUnit.SECONDS)).isFulfilledWith("second");
            }
            finally {
                caller.shutdownNow();
            }
        });
    }

    @Test
    void aClassLevelLimitIsSharedByItsIouMethods() {
        runner.run(context -> {
            LimitedClass limited = context.getBean(LimitedClass.class);
            IOU<String> work = new IOU<>();
            limited.one(work);

            assertThatExceptionOfType(InvocationRejectedException.class)
                    .isThrownBy(() -> limited.other(IOU.fulfilled("other")));
            work.fulfill("done");
            assertThat(limited.other(IOU.fulfilled("other"))).isFulfilledWith("other");
        });
    }

    /**
     * Real threads: whatever the interleaving, no more calls are in flight (entered, their IOU not
     * settled) at once than the limit. Spring's own interceptor would let every caller in, as each
     * call returns at once.
     */
    @Test
    void manyCallersNeverHaveMoreIousInFlightThanTheLimit() throws Exception {
        runner.run(context -> {
            Limited limited = context.getBean(Limited.class);
            ScheduledExecutorService settlers = Executors.newScheduledThreadPool(2);
            ExecutorService callers = Executors.newFixedThreadPool(6);
            try {
                List<Future<List<IOU<String>>>> results = new ArrayList<>();
                for (int c = 0; c < 6; c++) {
                    results.add(callers.submit(() -> {
                        List<IOU<String>> answers = new ArrayList<>();
                        for (int i = 0; i < 100; i++) {
                            IOU<String> work = new IOU<>();
                            settlers.schedule(() -> work.fulfill("done"),
                                    ThreadLocalRandom.current().nextInt(200), TimeUnit.MICROSECONDS);
                            answers.add(limited.twoAtOnce(work));
                        }
                        return answers;
                    }));
                }
                for (Future<List<IOU<String>>> result : results) {
                    for (IOU<String> answer : result.get(60, TimeUnit.SECONDS)) {
                        assertThat(answer).succeedsWithin(WAIT).isEqualTo("done");
                    }
                }
                assertThat(limited.mostEntered()).isBetween(1, 2);
            }
            finally {
                callers.shutdownNow();
                settlers.shutdownNow();
            }
        });
    }

    static class Limited {

        private final AtomicInteger entered = new AtomicInteger();

        private final AtomicInteger mostEntered = new AtomicInteger();

        @ConcurrencyLimit(limit = 1, policy = ThrottlePolicy.REJECT)
        IOU<String> rejectingWhenBusy(IOU<String> work) {
            if (work == null) {
                throw new IllegalStateException("no work");
            }
            return work;
        }

        @ConcurrencyLimit(1)
        IOU<String> blockingWhenBusy(IOU<String> work) {
            return work;
        }

        /** Counts the calls whose IOU has not settled yet, as the method sees them when it is entered. */
        @ConcurrencyLimit(2)
        IOU<String> twoAtOnce(IOU<String> work) {
            mostEntered.accumulateAndGet(entered.incrementAndGet(), Math::max);
            return work.addFulfilledHandler(value -> {
                entered.decrementAndGet();
                return value;
            });
        }

        int mostEntered() {
            return mostEntered.get();
        }
    }

    @ConcurrencyLimit(limit = 1, policy = ThrottlePolicy.REJECT)
    static class LimitedClass {

        IOU<String> one(IOU<String> work) {
            return work;
        }

        IOU<String> other(IOU<String> work) {
            return work;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableResilientMethods
    static class LimitConfiguration {

        @Bean
        Limited limited() {
            return new Limited();
        }

        @Bean
        LimitedClass limitedClass() {
            return new LimitedClass();
        }
    }
}
