package io.iou;

import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** {@link IOU#all}, {@link IOU#any}, {@link IOU#race} and {@link IOU#allSettled}. */
class IOUJoinTests {

    @Test
    void allFulfilsWithValuesInInputOrderWhateverTheSettleOrder() {
        IOU<String> a = new IOU<>();
        IOU<String> b = new IOU<>();
        IOU<String> c = new IOU<>();
        IOU<List<String>> all = IOU.all(a, b, c);
        c.fulfill("c");
        a.fulfill(null);
        assertThat(all.isPending()).isTrue();
        b.fulfill("b");
        assertThat(all.getValue()).isEqualTo(java.util.Arrays.asList(null, "b", "c"));
    }

    @Test
    void allRejectsWithTheFirstRejection() {
        IOU<String> a = new IOU<>();
        IOU<String> b = new IOU<>();
        IOU<List<String>> all = IOU.all(List.of(a, b));
        RuntimeException first = new RuntimeException("first");
        b.reject(first);
        a.reject(new RuntimeException("second"));
        assertThat(all.getValue()).isSameAs(first);
    }

    @Test
    void allOfNothingIsAnEmptyList() {
        assertThat(IOU.all(List.<IOU<String>>of()).getValue()).isEqualTo(List.of());
    }

    @Test
    void cancellingAllCancelsEveryInput() {
        IOU<String> a = new IOU<>();
        IOU<String> b = IOU.fulfilled("done");
        IOU.all(a, b).cancel();
        assertThat(a.isCancelled()).isTrue();
        assertThat(b.isFulfilled()).isTrue();
    }

    @Test
    void anyFulfilsWithTheFirstFulfilment() {
        IOU<String> a = new IOU<>();
        IOU<String> b = new IOU<>();
        IOU<String> any = IOU.any(a, b);
        a.reject(new RuntimeException());
        assertThat(any.isPending()).isTrue();
        b.fulfill("b");
        assertThat(any.getValue()).isEqualTo("b");
    }

    @Test
    void anyRejectsWithEveryReasonOnceAllAreRejected() {
        RuntimeException one = new RuntimeException("one");
        RuntimeException two = new RuntimeException("two");
        IOU<String> a = new IOU<>();
        IOU<String> b = new IOU<>();
        IOU<String> any = IOU.any(a, b);
        b.reject(two);
        a.reject(one);
        assertThat(any.getValue()).isInstanceOfSatisfying(IouAggregateException.class,
                e -> assertThat(e.getReasons()).containsExactly(one, two));
    }

    @Test
    void anyOfNothingRejects() {
        assertThat(IOU.any(List.<IOU<String>>of()).getValue()).isInstanceOf(IouAggregateException.class);
    }

    @Test
    void raceSettlesAsTheFirstToSettle() {
        IOU<String> a = new IOU<>();
        IOU<String> b = new IOU<>();
        IOU<String> race = IOU.race(a, b);
        RuntimeException boom = new RuntimeException();
        b.reject(boom);
        a.fulfill("late");
        assertThat(race.getValue()).isSameAs(boom);
    }

    @Test
    void raceOfNothingIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> IOU.race(List.<IOU<String>>of()))
                .withMessageContaining("never settles");
    }

    @Test
    void allSettledReportsEachOutcome() {
        IOU<Integer> a = new IOU<>();
        IOU<Integer> b = new IOU<>();
        IOU<List<Outcome<Integer>>> settled = IOU.allSettled(a, b);
        RuntimeException boom = new RuntimeException();
        b.reject(boom);
        a.fulfill(1);
        assertThat(settled.getValue()).isEqualTo(List.of(new Outcome.Fulfilled<>(1), new Outcome.Rejected<>(boom)));
    }

    @Test
    void joinsRefuseNullInputsNamingThem() {
        assertThatNullPointerException().isThrownBy(() -> IOU.all(IOU.fulfilled(1), null)).withMessage("ious[1]");
        assertThatNullPointerException().isThrownBy(() -> IOU.any((List<IOU<Integer>>) null)).withMessage("ious");
    }

    @Test
    void joinsRunOnTheFirstInputsExecutor() {
        java.util.concurrent.Executor direct = Runnable::run;
        assertThat(IOU.all(IOU.<String>bound(direct), new IOU<String>()).executor()).isSameAs(direct);
    }

    @Test
    void aCancelledInputRejectsAllWithTheCancellation() {
        IOU<String> a = new IOU<>();
        IOU<List<String>> all = IOU.all(a, new IOU<String>());
        a.cancel();
        assertThat(all.getValue()).isInstanceOf(CancellationException.class);
    }
}
