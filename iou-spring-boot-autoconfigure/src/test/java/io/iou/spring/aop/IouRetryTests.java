package io.iou.spring.aop;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.resilience.annotation.EnableResilientMethods;
import org.springframework.resilience.annotation.Retryable;
import org.springframework.resilience.retry.MethodRetryEvent;

import io.iou.IOU;
import io.iou.spring.boot.autoconfigure.IouMethodInterceptorsAutoConfiguration;
import io.iou.spring.boot.autoconfigure.IouReactiveAutoConfiguration;
import io.iou.spring.boot.autoconfigure.IouSchedulerAutoConfiguration;
import io.iou.test.IouVirtualTime;
import io.iou.test.VirtualIouTimer;

import static io.iou.test.IouAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @Retryable} methods that return IOUs, in an application with the starter and
 * {@code @EnableResilientMethods}, on virtual time: a back-off of seconds passes when the test
 * advances the clock. Without an IOU scheduler the next call is made on the timer's thread, here the
 * test's own, so each advance is followed at once by the call it allows.
 */
@IouVirtualTime
class IouRetryTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IouReactiveAutoConfiguration.class,
                    IouMethodInterceptorsAutoConfiguration.class))
            .withUserConfiguration(RetryConfiguration.class);

    @Test
    void aRetryCallsTheMethodAgainAfterItsBackOffAndSettlesWithTheFirstSuccess(VirtualIouTimer time) {
        runner.run(context -> {
            Flaky flaky = context.getBean(Flaky.class);
            flaky.script(List.of(() -> IOU.rejected(new IOException("1")), () -> IOU.rejected(new IOException("2")),
                    () -> IOU.fulfilled("third time lucky")));

            IOU<String> answer = flaky.backingOff();

            assertThat(answer).isPending();
            assertThat(flaky.calls()).isOne();
            time.advance(Duration.ofMillis(999));
            assertThat(flaky.calls()).as("no call before the back-off is over").isOne();
            time.advance(Duration.ofMillis(1));
            assertThat(flaky.calls()).isEqualTo(2);
            time.advance(Duration.ofMillis(1999));
            assertThat(flaky.calls()).as("the back-off doubles").isEqualTo(2);
            time.advance(Duration.ofMillis(1));
            assertThat(answer).isFulfilledWith("third time lucky");
            assertThat(flaky.calls()).isEqualTo(3);
        });
    }

    @Test
    void exhaustedRetriesRejectWithTheLastFailureAndTheEarlierOnesSuppressed(VirtualIouTimer time) {
        runner.run(context -> {
            Flaky flaky = context.getBean(Flaky.class);
            IOException first = new IOException("first");
            IOException second = new IOException("second");
            IOException last = new IOException("last");
            flaky.script(List.of(() -> IOU.rejected(first), () -> IOU.rejected(second), () -> IOU.rejected(last)));

            IOU<String> answer = flaky.twoRetries();
            time.advance(Duration.ofMinutes(1));

            assertThat(answer).isRejectedWith(last);
            assertThat(last.getSuppressed()).containsExactly(first, second);
            assertThat(flaky.calls()).isEqualTo(3);
            assertThat(time.pendingTasks()).isZero();
        });
    }

    @Test
    void aFailureThatIsNotRetryableRejectsAtOnce() {
        runner.run(context -> {
            Flaky flaky = context.getBean(Flaky.class);
            IllegalStateException bug = new IllegalStateException("not an I/O failure");
            flaky.script(List.of(() -> IOU.rejected(bug)));

            assertThat(flaky.backingOff()).isRejectedWith(bug);
            assertThat(flaky.calls()).isOne();
        });
    }

    @Test
    void aMethodThatThrowsIsRetriedAsOneThatRejects(VirtualIouTimer time) {
        runner.run(context -> {
            Flaky flaky = context.getBean(Flaky.class);
            flaky.script(List.of(() -> {
                throw new IllegalStateException("thrown");
            }, () -> IOU.fulfilled("returned")));

            IOU<String> answer = flaky.twoRetries();
            time.advance(Duration.ofMillis(10));

            assertThat(answer).isFulfilledWith("returned");
        });
    }

    @Test
    void cancellingTheIouWithdrawsFromTheCallInFlightAndStopsTheRetries(VirtualIouTimer time) {
        runner.run(context -> {
            Flaky flaky = context.getBean(Flaky.class);
            IOU<String> inFlight = new IOU<>();
            flaky.script(List.of(() -> IOU.rejected(new IOException("1")), () -> inFlight));

            IOU<String> answer = flaky.backingOff();
            time.advance(Duration.ofSeconds(1));
            answer.cancel();

            assertThat(inFlight).isCancelled();
            time.advance(Duration.ofHours(1));
            assertThat(flaky.calls()).isEqualTo(2);
        });
    }

    @Test
    void cancellingDuringTheBackOffDropsItsTimer(VirtualIouTimer time) {
        runner.run(context -> {
            Flaky flaky = context.getBean(Flaky.class);
            flaky.script(List.of(() -> IOU.rejected(new IOException("1"))));

            IOU<String> answer = flaky.backingOff();
            assertThat(time.pendingTasks()).isOne();
            answer.cancel();

            assertThat(time.pendingTasks()).isZero();
            time.advance(Duration.ofHours(1));
            assertThat(flaky.calls()).isOne();
        });
    }

    /** As for a reactive return type, the timeout bounds the whole operation, the call in flight included. */
    @Test
    void theTimeoutBoundsTheWholeOperation(VirtualIouTimer time) {
        runner.run(context -> {
            Flaky flaky = context.getBean(Flaky.class);
            IOU<String> hanging = new IOU<>();
            flaky.script(List.of(() -> IOU.rejected(new IOException("1")), () -> hanging));

            IOU<String> answer = flaky.withinFiveSeconds();
            time.advance(Duration.ofMillis(4999));
            assertThat(answer).isPending();
            time.advance(Duration.ofMillis(1));

            assertThat(answer).hasTimedOut();
            assertThat(hanging).isCancelled();
        });
    }

    @Test
    void springsRetryEventsArePublished(VirtualIouTimer time) {
        runner.run(context -> {
            Flaky flaky = context.getBean(Flaky.class);
            IOException first = new IOException("first");
            IOException second = new IOException("second");
            IOException last = new IOException("last");
            flaky.script(List.of(() -> IOU.rejected(first), () -> IOU.rejected(second), () -> IOU.rejected(last)));

            flaky.twoRetries();
            time.advance(Duration.ofMinutes(1));

            assertThat(context.getBean(RetryConfiguration.class).events).extracting(
                    MethodRetryEvent::getFailure, MethodRetryEvent::isRetryAborted).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(first, false), org.assertj.core.groups.Tuple.tuple(second, false),
                    org.assertj.core.groups.Tuple.tuple(last, false), org.assertj.core.groups.Tuple.tuple(last, true));
        });
    }

    @Test
    void placeholdersInTheStringAttributesAreResolved(VirtualIouTimer time) {
        runner.withPropertyValues("flaky.retries=1").run(context -> {
            Flaky flaky = context.getBean(Flaky.class);
            flaky.script(List.of(() -> IOU.rejected(new IOException("1")), () -> IOU.rejected(new IOException("2")),
                    () -> IOU.fulfilled("too late")));

            IOU<String> answer = flaky.configured();
            time.advance(Duration.ofMinutes(1));

            assertThat(answer).isRejectedWithInstanceOf(IOException.class);
            assertThat(flaky.calls()).isEqualTo(2);
        });
    }

    /** A retry waiting for its back-off when the context closes gives up then, saying why; no call follows. */
    @Test
    void closingTheContextStopsARetryWaitingForItsBackOff(VirtualIouTimer time) {
        List<IOU<String>> answers = new CopyOnWriteArrayList<>();
        IOException failure = new IOException("down");
        runner.run(context -> {
            Flaky flaky = context.getBean(Flaky.class);
            flaky.script(List.of(() -> IOU.rejected(failure)));
            answers.add(flaky.backingOff());
            assertThat(answers.get(0)).isPending();
        });

        assertThat(answers.get(0)).isRejectedWith(failure);
        assertThat(failure.getSuppressed()).singleElement().isInstanceOf(IllegalStateException.class)
                .extracting(Throwable::getMessage).asString().contains("stopped: the application context is closing");
        assertThat(time.pendingTasks()).isZero();
    }

    @Test
    void withAnIouSchedulerTheCallsAfterABackOffAreMadeOnItsPool(VirtualIouTimer time) {
        runner.withConfiguration(AutoConfigurations.of(IouSchedulerAutoConfiguration.class)).run(context -> {
            Flaky flaky = context.getBean(Flaky.class);
            flaky.script(List.of(() -> IOU.rejected(new IOException("1")),
                    () -> IOU.fulfilled(Thread.currentThread().getName())));

            IOU<String> answer = flaky.backingOff();
            time.advance(Duration.ofSeconds(1));

            assertThat(answer).succeedsWithin(Duration.ofSeconds(20)).asString().startsWith("iou-");
        });
    }

    @Test
    void methodsReturningAnythingElseKeepSpringsRetry() {
        runner.run(context -> {
            Flaky flaky = context.getBean(Flaky.class);
            flaky.script(List.of(() -> {
                throw new IllegalStateException("1");
            }, () -> IOU.fulfilled("plain")));

            assertThat(flaky.plain()).isEqualTo("plain");
            assertThat(flaky.calls()).isEqualTo(2);
        });
    }

    /**
     * Why the starter brings its own interceptor: with IOU in the shared registry, Spring's treats it
     * as a reactive type, calls the method once and subscribes to its settled IOU again for each retry.
     */
    @Test
    void springsInterceptorAloneWouldNeverCallTheMethodAgain() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(IouReactiveAutoConfiguration.class))
                .withUserConfiguration(RetryConfiguration.class).run(context -> {
                    Flaky flaky = context.getBean(Flaky.class);
                    flaky.script(List.of(() -> IOU.rejected(new IOException("1")), () -> IOU.fulfilled("never asked for")));

                    IOU<String> answer = flaky.quick();

                    assertThat(answer).failsWithin(Duration.ofSeconds(20))
                            .matches(Exceptions::isRetryExhausted, "Reactor's 'retries exhausted'");
                    assertThat(flaky.calls()).isOne();
                });
    }

    /** Each call answers with the next step of a script. */
    static class Flaky {

        private final Deque<Supplier<IOU<String>>> steps = new ArrayDeque<>();

        private int calls;

        synchronized void script(List<Supplier<IOU<String>>> script) {
            steps.clear();
            steps.addAll(script);
            calls = 0;
        }

        synchronized int calls() {
            return calls;
        }

        private synchronized IOU<String> next() {
            calls++;
            return steps.size() > 1 ? steps.poll().get() : steps.peek().get();
        }

        @Retryable(includes = IOException.class, delay = 1000, multiplier = 2)
        IOU<String> backingOff() {
            return next();
        }

        @Retryable(maxRetries = 2, delay = 10)
        IOU<String> twoRetries() {
            return next();
        }

        @Retryable(delay = 1000, timeout = 5000)
        IOU<String> withinFiveSeconds() {
            return next();
        }

        @Retryable(maxRetriesString = "${flaky.retries}", delay = 10)
        IOU<String> configured() {
            return next();
        }

        @Retryable(maxRetries = 2, delay = 1)
        IOU<String> quick() {
            return next();
        }

        @Retryable(maxRetries = 2, delay = 1)
        String plain() {
            return (String) next().getValue();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableResilientMethods
    static class RetryConfiguration implements ApplicationListener<MethodRetryEvent> {

        final List<MethodRetryEvent> events = new CopyOnWriteArrayList<>();

        @Bean
        Flaky flaky() {
            return new Flaky();
        }

        @Override
        public void onApplicationEvent(MethodRetryEvent event) {
            events.add(event);
        }
    }
}
