package io.iou;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cancellation rule: cancelling a dependent cancels its source only once no other dependent
 * still wants the source's outcome; observers never keep a source alive; joins stop what they no
 * longer need.
 */
class IOUCancellationTests {

    /** A source whose producer counts how often it was told to stop. */
    private static IOU<String> produced(AtomicInteger stops) {
        return new IOU<String>().onCancel(stops::incrementAndGet);
    }

    @Test
    void oneDependentsCancelLeavesASharedSourceRunningForTheOthers() {
        AtomicInteger stops = new AtomicInteger();
        IOU<String> shared = produced(stops);
        IOU<String> a = shared.addFulfilledHandler(v -> "a:" + v);
        IOU<String> b = shared.addFulfilledHandler(v -> "b:" + v);

        assertThat(a.cancel()).isTrue();

        assertThat(shared.isPending()).isTrue();
        assertThat(stops).hasValue(0);
        shared.fulfill("x");
        assertThat(b.getValue()).isEqualTo("b:x");
        assertThat(a.isCancelled()).isTrue();
    }

    @Test
    void theLastInterestedDependentsCancelStopsTheSourceAndEverythingAboveIt() {
        AtomicInteger stops = new AtomicInteger();
        IOU<String> producer = produced(stops);
        IOU<String> shared = producer.addFulfilledHandler(String::trim);
        IOU<String> a = shared.addFulfilledHandler(v -> "a:" + v);
        IOU<String> b = shared.addFulfilledHandler(v -> "b:" + v);

        a.cancel();
        assertThat(producer.isPending()).isTrue();
        b.cancel();

        assertThat(shared.isCancelled()).isTrue();
        assertThat(producer.isCancelled()).isTrue();
        assertThat(stops).hasValue(1);
        assertThat((Throwable) producer.getValue()).isInstanceOf(CancellationException.class)
                .hasMessageContaining("every dependent that wanted its outcome was cancelled");
    }

    @Test
    void cancellingTheSourceItselfCancelsItForEveryDependent() {
        AtomicInteger stops = new AtomicInteger();
        IOU<String> shared = produced(stops);
        IOU<String> a = shared.addFulfilledHandler(v -> "a:" + v);
        IOU<String> b = shared.addFulfilledHandler(v -> "b:" + v);

        assertThat(shared.cancel()).isTrue();

        assertThat(stops).hasValue(1);
        assertThat(a.isCancelled()).isTrue();
        assertThat(b.isCancelled()).isTrue();
    }

    /** The common controller chain: log failures on the side, map the value, return it. */
    @Test
    void aLoggingConsumerBesideTheMainChainDoesNotKeepTheUpstreamRunning() {
        AtomicInteger stops = new AtomicInteger();
        List<Throwable> logged = new ArrayList<>();
        IOU<String> upstream = produced(stops);
        upstream.addRejectedConsumer(logged::add);
        upstream.addFulfilledConsumer(value -> logged.add(new IllegalStateException("not a failure: " + value)));
        IOU<Integer> returned = upstream.addFulfilledHandler(String::length);

        returned.cancel();

        assertThat(upstream.isCancelled()).isTrue();
        assertThat(stops).hasValue(1);
        assertThat(logged).singleElement().isInstanceOf(CancellationException.class);
    }

    @Test
    void aConsumerHoldsInterestOnceSomethingThatWantsItsOwnOutcomeWaitsOnIt() {
        AtomicInteger stops = new AtomicInteger();
        IOU<String> shared = produced(stops);
        IOU<Void> printed = shared.addFulfilledConsumer(v -> { });
        IOU<String> afterPrinting = printed.addFulfilledHandler(nothing -> "printed");
        IOU<String> other = shared.addFulfilledHandler(v -> v);

        other.cancel();
        assertThat(shared.isPending()).isTrue();

        afterPrinting.cancel();
        assertThat(shared.isCancelled()).isTrue();
        assertThat(printed.isCancelled()).isTrue();
        assertThat(stops).hasValue(1);
    }

    @Test
    void aChainedIouWantsItsSourceAndCancellingItWithdraws() {
        AtomicInteger stops = new AtomicInteger();
        IOU<String> shared = produced(stops);
        IOU<String> chained = new IOU<>();
        shared.addFulfilledHandler(chained);
        IOU<String> other = shared.addFulfilledHandler(v -> v);

        other.cancel();
        assertThat(shared.isPending()).isTrue();

        chained.cancel();
        assertThat(shared.isCancelled()).isTrue();
        assertThat(stops).hasValue(1);
    }

    @Test
    void aChainedIouThatSettledKeepsNothingRunning() {
        AtomicInteger stops = new AtomicInteger();
        IOU<String> shared = produced(stops);
        IOU<String> chained = new IOU<>();
        chained.fulfill("elsewhere");
        shared.addFulfilledHandler(chained);
        IOU<String> only = shared.addFulfilledHandler(v -> v);

        only.cancel();

        assertThat(shared.isCancelled()).isTrue();
        assertThat(chained.getValue()).isEqualTo("elsewhere");
    }

    @Test
    void aRebindingStageWithdrawsWhenCancelled() {
        AtomicInteger stops = new AtomicInteger();
        IOU<String> upstream = produced(stops);
        Executor direct = Runnable::run;
        IOU<String> rebound = upstream.withExecutor(direct);

        rebound.cancel();

        assertThat(upstream.isCancelled()).isTrue();
        assertThat(stops).hasValue(1);
    }

    @Test
    void aRebindingStagePassesTheOutcomeToHandlersOnItsExecutor() {
        List<String> ranOn = new ArrayList<>();
        Executor recording = task -> {
            ranOn.add("pool");
            task.run();
        };
        IOU<String> upstream = new IOU<>();
        IOU<Integer> length = upstream.withExecutor(recording).addFulfilledHandler(String::length);

        upstream.fulfill("four");

        assertThat(length.getValue()).isEqualTo(4);
        assertThat(ranOn).containsExactly("pool");
    }

    @Test
    void cancellingAFutureViewWithdrawsItsInterest() {
        AtomicInteger stops = new AtomicInteger();
        IOU<String> shared = produced(stops);
        CompletableFuture<String> first = shared.toCompletableFuture();
        CompletableFuture<String> second = shared.toCompletableFuture();

        first.cancel(false);
        assertThat(shared.isPending()).isTrue();

        second.cancel(false);
        assertThat(shared.isCancelled()).isTrue();
        assertThat(stops).hasValue(1);
    }

    @Test
    void aListenerIsCalledOnceWithTheOutcome() {
        IOU<String> iou = new IOU<>();
        List<String> calls = new ArrayList<>();
        IouSubscription subscription = iou.whenSettled((value, reason) -> calls.add(value + "/" + reason));

        iou.fulfill("x");

        assertThat(calls).containsExactly("x/null");
        assertThat(subscription.cancel()).isFalse();
        assertThat(iou.isFulfilled()).isTrue();
    }

    @Test
    void aListenerTakesChargeOfARejection() {
        IOU<String> iou = new IOU<>();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        iou.whenSettled((value, reason) -> seen.set(reason));
        IllegalStateException failure = new IllegalStateException("boom");

        iou.reject(failure);

        assertThat(seen).hasValue(failure);
    }

    @Test
    void cancellingTheLastListenerCancelsTheIouAndTheListenerIsNeverCalled() {
        AtomicInteger stops = new AtomicInteger();
        IOU<String> shared = produced(stops);
        List<String> calls = new ArrayList<>();
        IouSubscription first = shared.whenSettled((value, reason) -> calls.add("first"));
        IouSubscription second = shared.whenSettled((value, reason) -> calls.add("second"));

        assertThat(first.cancel()).isTrue();
        assertThat(first.cancel()).isFalse();
        assertThat(shared.isPending()).isTrue();
        assertThat(second.cancel()).isTrue();

        assertThat(shared.isCancelled()).isTrue();
        assertThat(stops).hasValue(1);
        assertThat(calls).isEmpty();
    }

    @Test
    void raceCancelsItsLosersOnceItSettles() {
        AtomicInteger slowStops = new AtomicInteger();
        IOU<String> fast = new IOU<>();
        IOU<String> slow = produced(slowStops);
        IOU<String> winner = IOU.race(fast, slow);

        fast.fulfill("fast");

        assertThat(winner.getValue()).isEqualTo("fast");
        assertThat(slow.isCancelled()).isTrue();
        assertThat(slowStops).hasValue(1);
    }

    @Test
    void aLoserThatSomeoneElseStillWantsKeepsRunning() {
        AtomicInteger slowStops = new AtomicInteger();
        IOU<String> fast = new IOU<>();
        IOU<String> slow = produced(slowStops);
        IOU<String> stillWanted = slow.addFulfilledHandler(v -> "later:" + v);
        IOU.race(fast, slow);

        fast.fulfill("fast");
        assertThat(slow.isPending()).isTrue();

        slow.fulfill("slow");
        assertThat(stillWanted.getValue()).isEqualTo("later:slow");
        assertThat(slowStops).hasValue(0);
    }

    @Test
    void anyCancelsTheRestAfterTheFirstFulfilmentButNotAfterARejection() {
        AtomicInteger stops = new AtomicInteger();
        IOU<String> failing = produced(stops);
        IOU<String> fulfilling = produced(stops);
        IOU<String> rest = produced(stops);
        IOU<String> first = IOU.any(failing, fulfilling, rest);

        failing.reject(new IllegalStateException("down"));
        assertThat(rest.isPending()).isTrue();
        fulfilling.fulfill("up");

        assertThat(first.getValue()).isEqualTo("up");
        assertThat(rest.isCancelled()).isTrue();
        assertThat(stops).hasValue(1);
    }

    @Test
    void allCancelsTheRestAfterTheFirstRejectionButNotAfterAFulfilment() {
        AtomicInteger stops = new AtomicInteger();
        IOU<String> fulfilling = produced(stops);
        IOU<String> failing = produced(stops);
        IOU<String> rest = produced(stops);
        IOU<List<String>> all = IOU.all(fulfilling, failing, rest);

        fulfilling.fulfill("fine");
        assertThat(rest.isPending()).isTrue();
        IllegalStateException down = new IllegalStateException("down");
        failing.reject(down);

        assertThat(all.getValue()).isSameAs(down);
        assertThat(rest.isCancelled()).isTrue();
        assertThat(stops).hasValue(1);
    }

    @Test
    void allSettledWaitsForEveryInput() {
        AtomicInteger stops = new AtomicInteger();
        IOU<String> failing = produced(stops);
        IOU<String> rest = produced(stops);
        IOU<List<Outcome<String>>> settled = IOU.allSettled(failing, rest);

        failing.reject(new IllegalStateException("down"));
        assertThat(rest.isPending()).isTrue();
        rest.fulfill("fine");

        assertThat(settled.isFulfilled()).isTrue();
        assertThat(stops).hasValue(0);
    }

    @Test
    void aRaceDecidedAsItIsBuiltCancelsTheInputsItWillNeverNeed() {
        AtomicInteger stops = new AtomicInteger();
        IOU<String> pending = produced(stops);

        IOU<String> winner = IOU.race(IOU.fulfilled("ready"), pending);

        assertThat(winner.getValue()).isEqualTo("ready");
        assertThat(pending.isCancelled()).isTrue();
        assertThat(stops).hasValue(1);
    }

    @Test
    void cancellingAJoinWithdrawsFromInputsOthersStillWant() {
        AtomicInteger stops = new AtomicInteger();
        IOU<String> wanted = produced(stops);
        IOU<String> unwanted = produced(stops);
        IOU<String> elsewhere = wanted.addFulfilledHandler(v -> v);

        IOU.all(wanted, unwanted).cancel();

        assertThat(unwanted.isCancelled()).isTrue();
        assertThat(wanted.isPending()).isTrue();
        assertThat(elsewhere.isPending()).isTrue();
        assertThat(stops).hasValue(1);
    }

    @Test
    void cancellingAFlattenedIouWithdrawsFromTheInnerIouOnlyIfNothingElseWantsIt() {
        AtomicInteger stops = new AtomicInteger();
        IOU<String> inner = produced(stops);
        IOU<String> alsoWaitingOnInner = inner.addFulfilledHandler(v -> v);
        IOU<String> outer = IOU.fulfilled("go").then(v -> inner);

        outer.cancel();
        assertThat(inner.isPending()).isTrue();

        alsoWaitingOnInner.cancel();
        assertThat(inner.isCancelled()).isTrue();
        assertThat(stops).hasValue(1);
    }
}
