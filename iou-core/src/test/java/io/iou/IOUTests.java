package io.iou;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** The single-threaded semantics of {@link IOU}. */
class IOUTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void newIouIsPending() {
        IOU<String> iou = new IOU<>();
        assertThat(iou.isPending()).isTrue();
        assertThat(iou.isFulfilled()).isFalse();
        assertThat(iou.isRejected()).isFalse();
        assertThat(iou.getValue()).isNull();
    }

    @Test
    void settlesOnlyOnce() {
        IOU<String> iou = new IOU<>();
        assertThat(iou.fulfill("first")).isTrue();
        assertThat(iou.fulfill("second")).isFalse();
        assertThat(iou.reject(new RuntimeException("late"))).isFalse();
        assertThat(iou.cancel()).isFalse();
        assertThat(iou.getValue()).isEqualTo("first");
        assertThat(iou.isFulfilled()).isTrue();
    }

    @Test
    void getValueIsTheExceptionOnceRejected() {
        RuntimeException boom = new RuntimeException("boom");
        IOU<String> iou = IOU.rejected(boom);
        assertThat(iou.isRejected()).isTrue();
        assertThat(iou.getValue()).isSameAs(boom);
    }

    @Test
    void nullIsAValue() {
        IOU<String> iou = IOU.fulfilled(null);
        assertThat(iou.isFulfilled()).isTrue();
        assertThat(iou.getValue()).isNull();
        assertThat(iou.addFulfilledHandler(v -> v == null ? "was null" : v).getValue()).isEqualTo("was null");
    }

    @Test
    void handlersRunInRegistrationOrderBeforeAndAfterSettling() {
        List<Integer> order = new ArrayList<>();
        IOU<String> iou = new IOU<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            iou.addFulfilledConsumer(v -> order.add(n));
        }
        iou.fulfill("x");
        for (int i = 5; i < 10; i++) {
            int n = i;
            iou.addFulfilledConsumer(v -> order.add(n));
        }
        assertThat(order).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void eachHandlerRunsExactlyOnce() {
        AtomicInteger runs = new AtomicInteger();
        IOU<String> iou = new IOU<>();
        iou.addFulfilledConsumer(v -> runs.incrementAndGet());
        iou.fulfill("a");
        iou.fulfill("b");
        iou.reject(new RuntimeException());
        assertThat(runs).hasValue(1);
    }

    @Test
    void handlerResultFulfilsDerivedIou() {
        IOU<Integer> iou = new IOU<>();
        IOU<String> derived = iou.addFulfilledHandler(v -> "v" + v);
        assertThat(derived.isPending()).isTrue();
        iou.fulfill(1);
        assertThat(derived.getValue()).isEqualTo("v1");
    }

    @Test
    void throwingHandlerRejectsDerivedIou() {
        IllegalStateException boom = new IllegalStateException("boom");
        IOU<Integer> derived = IOU.fulfilled(1).addFulfilledHandler(v -> {
            throw boom;
        });
        assertThat(derived.isRejected()).isTrue();
        assertThat(derived.getValue()).isSameAs(boom);
    }

    @Test
    void rejectionSkipsFulfilledHandlersUntilRecovered() {
        AtomicInteger fulfilledRuns = new AtomicInteger();
        IOU<Integer> iou = new IOU<>();
        IOU<Integer> recovered = iou.addFulfilledHandler(v -> fulfilledRuns.incrementAndGet())
                .addFulfilledHandler(v -> fulfilledRuns.incrementAndGet())
                .addRejectedHandler(e -> e.getMessage().length());
        IOU<Integer> after = recovered.addFulfilledHandler(v -> v * 10);

        iou.reject(new RuntimeException("four"));

        assertThat(fulfilledRuns).hasValue(0);
        assertThat(recovered.getValue()).isEqualTo(4);
        assertThat(after.getValue()).isEqualTo(40);
    }

    @Test
    void rejectionPassesTheSameReasonDownTheChain() {
        RuntimeException boom = new RuntimeException("boom");
        IOU<Integer> iou = new IOU<>();
        IOU<Integer> end = iou.addFulfilledHandler(v -> v + 1).addFulfilledHandler(v -> v + 1);
        iou.reject(boom);
        assertThat(end.getValue()).isSameAs(boom);
    }

    @Test
    void fulfilmentPassesThroughRejectedHandlers() {
        AtomicInteger rejectedRuns = new AtomicInteger();
        IOU<Integer> end = IOU.fulfilled(3).addRejectedHandler(e -> {
            rejectedRuns.incrementAndGet();
            return -1;
        });
        assertThat(end.getValue()).isEqualTo(3);
        assertThat(rejectedRuns).hasValue(0);
    }

    @Test
    void throwingRejectedHandlerRejectsWithWhatItThrew() {
        IllegalStateException second = new IllegalStateException("second");
        IOU<Integer> end = IOU.<Integer>rejected(new RuntimeException("first")).addRejectedHandler(e -> {
            throw second;
        });
        assertThat(end.getValue()).isSameAs(second);
    }

    @Test
    void iouAddedAsFulfilledHandlerSettlesAsItsSource() {
        IOU<String> source = new IOU<>();
        IOU<Object> chained = new IOU<>();
        source.addFulfilledHandler(chained);
        source.fulfill("x");
        assertThat(chained.getValue()).isEqualTo("x");

        IOU<String> failing = new IOU<>();
        IOU<String> chainedToFailure = new IOU<>();
        failing.addFulfilledHandler(chainedToFailure);
        RuntimeException boom = new RuntimeException();
        failing.reject(boom);
        assertThat(chainedToFailure.getValue()).isSameAs(boom);
    }

    @Test
    void iouAddedAsRejectedHandlerAlsoSettlesAsItsSource() {
        IOU<String> source = new IOU<>();
        IOU<String> chained = new IOU<>();
        source.addRejectedHandler(chained);
        RuntimeException boom = new RuntimeException();
        source.reject(boom);
        assertThat(chained.getValue()).isSameAs(boom);

        IOU<String> fulfilling = new IOU<>();
        IOU<String> chainedToValue = new IOU<>();
        fulfilling.addRejectedHandler(chainedToValue);
        fulfilling.fulfill("v");
        assertThat(chainedToValue.getValue()).isEqualTo("v");
    }

    @Test
    void chainedIouAlreadySettledKeepsItsOwnOutcome() {
        IOU<String> chained = IOU.fulfilled("mine");
        IOU<String> source = new IOU<>();
        source.addFulfilledHandler(chained);
        source.fulfill("theirs");
        assertThat(chained.getValue()).isEqualTo("mine");
    }

    @Test
    void thenFlattensAPendingIou() {
        IOU<Integer> inner = new IOU<>();
        IOU<Integer> outer = IOU.fulfilled(1).then(v -> inner);
        assertThat(outer.isPending()).isTrue();
        inner.fulfill(42);
        assertThat(outer.getValue()).isEqualTo(42);
    }

    @Test
    void thenFlattensASettledIouAndItsRejection() {
        assertThat(IOU.fulfilled(1).then(v -> IOU.fulfilled(v + 1)).getValue()).isEqualTo(2);
        RuntimeException boom = new RuntimeException();
        assertThat(IOU.fulfilled(1).then(v -> IOU.rejected(boom)).getValue()).isSameAs(boom);
    }

    @Test
    void thenHandlerReturningNullRejectsClearly() {
        IOU<Object> iou = IOU.fulfilled(1).then(v -> null);
        assertThat(reason(iou)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("returned null instead of an IOU");
    }

    @Test
    void resolvingAnIouWithItselfRejectsIt() {
        IOU<Integer> source = new IOU<>();
        List<IOU<Integer>> self = new ArrayList<>();
        IOU<Integer> derived = source.then(v -> self.get(0));
        self.add(derived);
        source.fulfill(1);
        assertThat(reason(derived)).isInstanceOf(IllegalStateException.class)
                .hasMessage("an IOU cannot be resolved with itself");
    }

    @Test
    void consumersReturnNullValuedIous() {
        IOU<Void> done = IOU.fulfilled("x").addFulfilledConsumer(v -> { });
        assertThat(done.isFulfilled()).isTrue();
        assertThat(done.getValue()).isNull();
        IOU<String> handled = IOU.<String>rejected(new RuntimeException()).addRejectedConsumer(e -> { });
        assertThat(handled.isFulfilled()).isTrue();
    }

    @Test
    void nullArgumentsFailAtOnceNamingTheArgument() {
        IOU<String> iou = new IOU<>();
        assertThatNullPointerException().isThrownBy(() -> iou.addFulfilledHandler((Function<String, String>) null))
                .withMessage("handler");
        assertThatNullPointerException().isThrownBy(() -> iou.addFulfilledHandler((IOU<String>) null))
                .withMessage("target");
        assertThatNullPointerException().isThrownBy(() -> iou.addRejectedHandler((Function<Throwable, String>) null))
                .withMessage("handler");
        assertThatNullPointerException().isThrownBy(() -> iou.then(null)).withMessage("handler");
        assertThatNullPointerException().isThrownBy(() -> iou.addFulfilledConsumer(null)).withMessage("consumer");
        assertThatNullPointerException().isThrownBy(() -> iou.addRejectedConsumer(null)).withMessage("consumer");
        assertThatNullPointerException().isThrownBy(() -> iou.reject(null)).withMessage("reason");
        assertThatNullPointerException().isThrownBy(() -> iou.timeout(null)).withMessage("timeout");
        assertThatNullPointerException().isThrownBy(() -> iou.await(null)).withMessage("timeout");
        assertThatNullPointerException().isThrownBy(() -> iou.onCancel(null)).withMessage("action");
        assertThatNullPointerException().isThrownBy(() -> iou.withExecutor(null)).withMessage("executor");
        assertThatNullPointerException().isThrownBy(() -> IOU.<String>bound(null)).withMessage("executor");
        assertThatNullPointerException().isThrownBy(() -> IOU.supply(null, () -> 1)).withMessage("executor");
        assertThatNullPointerException().isThrownBy(() -> IOU.from(null)).withMessage("stage");
        // nothing half-registered: the IOU still settles cleanly and runs no stray handler
        assertThat(iou.isPending()).isTrue();
        assertThat(iou.fulfill("ok")).isTrue();
    }

    @Test
    void badTimeoutIsRefused() {
        IOU<String> iou = new IOU<>();
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> iou.timeout(Duration.ZERO))
                .withMessageContaining("timeout must be positive");
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> iou.timeout(Duration.ofSeconds(-1)));
    }

    @Test
    void cancelRejectsWithCancellationAndRunsOnCancel() {
        AtomicInteger cancelled = new AtomicInteger();
        IOU<String> iou = new IOU<String>().onCancel(cancelled::incrementAndGet);
        assertThat(iou.cancel()).isTrue();
        assertThat(iou.isCancelled()).isTrue();
        assertThat(iou.getValue()).isInstanceOf(CancellationException.class);
        assertThat(iou.cancel()).isFalse();
        assertThat(cancelled).hasValue(1);
    }

    @Test
    void onCancelDoesNotRunForOtherOutcomes() {
        AtomicInteger cancelled = new AtomicInteger();
        new IOU<String>().onCancel(cancelled::incrementAndGet).fulfill("x");
        IOU<String> rejected = new IOU<String>().onCancel(cancelled::incrementAndGet);
        rejected.addRejectedConsumer(e -> { });
        rejected.reject(new RuntimeException());
        assertThat(cancelled).hasValue(0);
    }

    @Test
    void cancellingADerivedIouCancelsUpstreamAndSkipsItsHandler() {
        AtomicInteger producerStopped = new AtomicInteger();
        AtomicInteger handlerRuns = new AtomicInteger();
        IOU<String> produced = new IOU<String>().onCancel(producerStopped::incrementAndGet);
        IOU<String> derived = produced.addFulfilledHandler(v -> {
            handlerRuns.incrementAndGet();
            return v;
        }).addFulfilledHandler(v -> v + "!");

        assertThat(derived.cancel()).isTrue();

        assertThat(produced.isCancelled()).isTrue();
        assertThat(producerStopped).hasValue(1);
        assertThat(handlerRuns).hasValue(0);
    }

    @Test
    void cancellingAFlattenedIouCancelsTheInnerIou() {
        IOU<String> inner = new IOU<>();
        IOU<String> outer = IOU.fulfilled(1).then(v -> inner);
        outer.cancel();
        assertThat(inner.isCancelled()).isTrue();
    }

    @Test
    void timeoutRejectsWithTimeoutExceptionAndCancelsUpstream() throws Exception {
        IOU<String> produced = new IOU<>();
        IOU<String> derived = produced.addFulfilledHandler(v -> v).timeout(Duration.ofMillis(20));
        assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> derived.await(WAIT))
                .withCauseInstanceOf(TimeoutException.class);
        assertThat(produced.isCancelled()).isTrue();
    }

    @Test
    @SuppressWarnings("try")
    void timeoutIsDroppedFromTheTimerOnceSettled() throws Exception {
        List<String> timerCalls = new ArrayList<>();
        IouTimer recording = (task, delay) -> {
            timerCalls.add("scheduled after " + delay);
            return () -> timerCalls.add("cancelled");
        };
        try (IouHooks.Registration replaced = IouTimer.replace(recording)) {
            IOU<String> iou = new IOU<String>().timeout(Duration.ofHours(1));
            assertThat(timerCalls).containsExactly("scheduled after PT1H");
            iou.fulfill("in time");
            assertThat(iou.await(WAIT)).isEqualTo("in time");
            assertThat(timerCalls).containsExactly("scheduled after PT1H", "cancelled");
        }
        assertThat(IouTimer.current()).isNotSameAs(recording);
    }

    @Test
    @SuppressWarnings("try")
    void aReplacedTimerDecidesWhenATimeoutFires() {
        List<Runnable> due = new ArrayList<>();
        try (IouHooks.Registration replaced = IouTimer.replace((task, delay) -> {
            due.add(task);
            return () -> due.remove(task);
        })) {
            AtomicInteger stops = new AtomicInteger();
            IOU<String> produced = new IOU<String>().onCancel(stops::incrementAndGet);
            IOU<String> bounded = produced.addFulfilledHandler(v -> v).timeout(Duration.ofSeconds(30));

            assertThat(bounded.isPending()).isTrue();
            due.get(0).run();

            assertThat(bounded.getValue()).isInstanceOf(TimeoutException.class)
                    .hasToString("java.util.concurrent.TimeoutException: IOU timed out after PT30S");
            assertThat(stops).hasValue(1);
        }
    }

    @Test
    void awaitReturnsTheValueOrThrowsTheRejection() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            IOU<Integer> later = IOU.supply(pool, () -> 7);
            assertThat(later.await(WAIT)).isEqualTo(7);
            IOU<Integer> failing = IOU.supply(pool, () -> {
                throw new IllegalStateException("nope");
            });
            assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> failing.await(WAIT))
                    .withCauseInstanceOf(IllegalStateException.class);
            assertThatExceptionOfType(TimeoutException.class)
                    .isThrownBy(() -> new IOU<>().await(Duration.ofMillis(1)));
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void supplyOnARefusingExecutorRejects() {
        IOU<Integer> iou = IOU.supply(command -> {
            throw new RejectedExecutionException("full");
        }, () -> 1);
        assertThat(iou.getValue()).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void handlerRefusedByItsExecutorRejectsItsIouInsteadOfVanishing() {
        IOU<Integer> source = IOU.bound(command -> {
            throw new RejectedExecutionException("saturated");
        });
        IOU<Integer> derived = source.addFulfilledHandler(v -> v + 1);
        source.fulfill(1);
        assertThat(reason(derived)).isInstanceOf(RejectedExecutionException.class).hasMessage("saturated");
    }

    @Test
    void completableFutureRoundTrip() throws Exception {
        CompletableFuture<String> future = new CompletableFuture<>();
        IOU<String> iou = IOU.from(future);
        assertThat(iou.isPending()).isTrue();
        future.complete("cf");
        assertThat(iou.getValue()).isEqualTo("cf");
        assertThat(iou.addFulfilledHandler(String::length).toCompletableFuture().get()).isEqualTo(2);

        CompletableFuture<String> failing = CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException("async");
        });
        assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> IOU.from(failing).await(WAIT))
                .withCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void cancelPropagatesBetweenIouAndCompletableFuture() {
        CompletableFuture<String> source = new CompletableFuture<>();
        IOU.from(source).cancel();
        assertThat(source.isCancelled()).isTrue();

        IOU<String> iou = new IOU<>();
        iou.toCompletableFuture().cancel(true);
        assertThat(iou.isCancelled()).isTrue();
    }

    private static Throwable reason(IOU<?> iou) {
        assertThat(iou.isRejected()).as("rejected").isTrue();
        return (Throwable) iou.getValue();
    }

    @Test
    void namedIousKeepTheirNameButDerivedOnesDoNotInheritIt() {
        IOU<String> named = IOU.named("fetch-person");
        assertThat(named.name()).isEqualTo("fetch-person");
        assertThat(named.addFulfilledHandler(v -> v).name()).isNull();
        assertThat(named).hasToString("IOU fetch-person[pending]");
        assertThatNullPointerException().isThrownBy(() -> IOU.named(null)).withMessage("name");
    }

    @Test
    void waitingHandlersCountsWhatWaitsUntilSettled() {
        IOU<String> iou = new IOU<>();
        iou.addFulfilledHandler(v -> v);
        iou.addFulfilledHandler(new IOU<>());
        assertThat(iou.waitingHandlers()).isEqualTo(2);
        iou.fulfill("x");
        assertThat(iou.waitingHandlers()).isZero();
    }

    @Test
    void toStringShowsTheState() {
        assertThat(new IOU<>()).hasToString("IOU[pending]");
        assertThat(IOU.fulfilled(1)).hasToString("IOU[fulfilled: 1]");
        IOU<Object> rejected = IOU.rejected(new IllegalStateException("x"));
        assertThat(rejected).hasToString("IOU[rejected: java.lang.IllegalStateException: x]");
        assertThat(IOU.named("fetch-person")).hasToString("IOU fetch-person[pending]");
        // read, so that the rejection is handled and not reported once the IOU is collected
        assertThat(rejected.getValue()).isInstanceOf(IllegalStateException.class);
    }
}
