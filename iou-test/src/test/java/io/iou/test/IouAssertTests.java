package io.iou.test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.iou.IOU;

import static io.iou.test.IouAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

class IouAssertTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void statesOfAFulfilledIou() {
        IOU<String> ada = IOU.fulfilled("ada");

        assertThat(ada).isSettled().isFulfilled().isFulfilledWith("ada").isNotRejected().isNotCancelled()
                .isFulfilledWithValueMatching(v -> v.startsWith("a"));
        assertThat(ada).value().isEqualTo("ada");
        fails(() -> assertThat(ada).isPending(), "to be pending");
        fails(() -> assertThat(ada).isFulfilledWith("bob"), "to be fulfilled with");
        fails(() -> assertThat(ada).isRejected(), "to be rejected");
        fails(() -> assertThat(ada).isFulfilledWithValueMatching(v -> v.isEmpty()), "matching");
    }

    @Test
    void statesOfARejectedIou() {
        IllegalStateException boom = new IllegalStateException("boom");
        IOU<String> failed = IOU.rejected(boom);

        assertThat(failed).isRejected().isRejectedWith(boom).isRejectedWithInstanceOf(RuntimeException.class)
                .isNotCancelled();
        assertThat(failed).rejectionReason().hasMessage("boom");
        fails(() -> assertThat(failed).isFulfilled(), "(reason: java.lang.IllegalStateException: boom)");
        fails(() -> assertThat(failed).isRejectedWith(new IllegalStateException("boom")), "to be rejected with");
        fails(() -> assertThat(failed).isRejectedWithInstanceOf(IllegalArgumentException.class),
                "java.lang.IllegalArgumentException");
        fails(() -> assertThat(failed).hasTimedOut(), "java.util.concurrent.TimeoutException");
    }

    @Test
    void statesOfAPendingAndOfACancelledIou() {
        IOU<String> pending = IOU.named("fetch-person");

        assertThat(pending).isPending().isNotRejected().hasName("fetch-person");
        fails(() -> assertThat(pending).isSettled(), "to be settled but it is pending");
        fails(() -> assertThat(pending).value(), "to be fulfilled");
        pending.cancel();
        assertThat(pending).isCancelled().isRejected();
    }

    @Test
    void succeedsWithinWaitsForAnotherThread() {
        IOU<String> later = new IOU<>();
        CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(() -> later.fulfill("later"));

        assertThat(later).succeedsWithin(WAIT).isEqualTo("later");
        assertThat(later).succeedsWithin(WAIT, STRING).startsWith("lat");
    }

    @Test
    void succeedsWithinFailsForARejectionWithTheReasonAsCause() {
        IOU<String> failed = IOU.rejected(new IllegalStateException("boom"));

        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(failed).succeedsWithin(WAIT))
                .withMessageContaining("it was rejected with").withCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void succeedsWithinFailsForAnIouStillPending() {
        fails(() -> assertThat(new IOU<String>()).succeedsWithin(Duration.ofMillis(20)), "to settle within PT0.02S");
    }

    @Test
    void failsWithinReturnsTheReason() {
        IOU<String> later = new IOU<>();
        CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS)
                .execute(() -> later.reject(new IllegalStateException("later")));

        assertThat(later).failsWithin(WAIT).isInstanceOf(IllegalStateException.class).hasMessage("later");
        fails(() -> assertThat(IOU.fulfilled("ada")).failsWithin(WAIT), "to be rejected");
    }

    private static void fails(Runnable assertion, String message) {
        assertThatExceptionOfType(AssertionError.class).isThrownBy(assertion::run).withMessageContaining(message);
    }
}
