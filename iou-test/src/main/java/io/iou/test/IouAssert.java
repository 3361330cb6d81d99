package io.iou.test;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.InstanceOfAssertFactory;
import org.assertj.core.api.ObjectAssert;

import io.iou.IOU;

/**
 * AssertJ assertions on an {@link IOU}, as AssertJ's are on a {@code CompletableFuture}: its state
 * now ({@link #isPending()}, {@link #isFulfilledWith}, {@link #isRejectedWithInstanceOf}, ...) or
 * once it settles within a time ({@link #succeedsWithin}, {@link #failsWithin}). Reading a
 * rejection through these assertions counts as handling it, as {@link IOU#getValue()} does, so an
 * asserted rejection is not reported as unhandled.
 *
 * @param <T> the value type
 */
public class IouAssert<T> extends AbstractAssert<IouAssert<T>, IOU<T>> {

    /**
     * Creates the assertions; see {@link IouAssertions#assertThat}.
     *
     * @param actual the IOU under test
     */
    protected IouAssert(IOU<T> actual) {
        super(actual, IouAssert.class);
    }

    /**
     * Verifies that the IOU is pending.
     *
     * @return this
     */
    public IouAssert<T> isPending() {
        isNotNull();
        if (!actual.isPending()) {
            throw failure("%nExpecting%n  %s%nto be pending", actual);
        }
        return myself;
    }

    /**
     * Verifies that the IOU has settled, fulfilled or rejected.
     *
     * @return this
     */
    public IouAssert<T> isSettled() {
        isNotNull();
        if (actual.isPending()) {
            throw failure("%nExpecting%n  %s%nto be settled but it is pending", actual);
        }
        return myself;
    }

    /**
     * Verifies that the IOU is fulfilled.
     *
     * @return this
     */
    public IouAssert<T> isFulfilled() {
        isNotNull();
        if (!actual.isFulfilled()) {
            throw failure("%nExpecting%n  %s%nto be fulfilled", describe());
        }
        return myself;
    }

    /**
     * Verifies that the IOU is fulfilled with a value equal to {@code expected}.
     *
     * @param expected the value, possibly null
     * @return this
     */
    public IouAssert<T> isFulfilledWith(T expected) {
        isFulfilled();
        if (!Objects.equals(actual.getValue(), expected)) {
            throw failure("%nExpecting%n  %s%nto be fulfilled with%n  %s", actual, expected);
        }
        return myself;
    }

    /**
     * Verifies that the IOU is fulfilled with a value that matches {@code condition}.
     *
     * @param condition what the value must satisfy
     * @return this
     */
    public IouAssert<T> isFulfilledWithValueMatching(Predicate<? super T> condition) {
        Objects.requireNonNull(condition, "condition");
        isFulfilled();
        if (!condition.test(value(actual))) {
            throw failure("%nExpecting%n  %s%nto be fulfilled with a value matching the given predicate", actual);
        }
        return myself;
    }

    /**
     * Verifies that the IOU is rejected, cancellation included.
     *
     * @return this
     */
    public IouAssert<T> isRejected() {
        isNotNull();
        if (!actual.isRejected()) {
            throw failure("%nExpecting%n  %s%nto be rejected", actual);
        }
        actual.getValue(); // handled: a rejection asserted on is not reported as unhandled
        return myself;
    }

    /**
     * Verifies that the IOU is not rejected: pending or fulfilled.
     *
     * @return this
     */
    public IouAssert<T> isNotRejected() {
        isNotNull();
        if (actual.isRejected()) {
            throw failure("%nExpecting%n  %s%nnot to be rejected", describe());
        }
        return myself;
    }

    /**
     * Verifies that the IOU is rejected with exactly {@code reason} (the same instance).
     *
     * @param reason the expected reason
     * @return this
     */
    public IouAssert<T> isRejectedWith(Throwable reason) {
        isRejected();
        if (actual.getValue() != reason) {
            throw failure("%nExpecting%n  %s%nto be rejected with%n  %s", actual, reason);
        }
        return myself;
    }

    /**
     * Verifies that the IOU is rejected with a reason of type {@code type}.
     *
     * @param type the expected type of the reason
     * @return this
     */
    public IouAssert<T> isRejectedWithInstanceOf(Class<? extends Throwable> type) {
        Objects.requireNonNull(type, "type");
        isRejected();
        if (!type.isInstance(actual.getValue())) {
            throw failure("%nExpecting%n  %s%nto be rejected with an instance of%n  %s", actual, type.getName());
        }
        return myself;
    }

    /**
     * Verifies that the IOU is cancelled, as {@link IOU#isCancelled()} says: rejected with a
     * {@code CancellationException}, by {@link IOU#cancel()} or because the last dependent that
     * wanted it was cancelled. A timeout rejects with a {@link TimeoutException} instead: see
     * {@link #hasTimedOut()}.
     *
     * @return this
     */
    public IouAssert<T> isCancelled() {
        isNotNull();
        if (!actual.isCancelled()) {
            throw failure("%nExpecting%n  %s%nto be cancelled", describe());
        }
        return myself;
    }

    /**
     * Verifies that the IOU is not cancelled.
     *
     * @return this
     */
    public IouAssert<T> isNotCancelled() {
        isNotNull();
        if (actual.isCancelled()) {
            throw failure("%nExpecting%n  %s%nnot to be cancelled", actual);
        }
        return myself;
    }

    /**
     * Verifies that the IOU timed out ({@link IOU#timeout}): it is rejected with a
     * {@link TimeoutException}.
     *
     * @return this
     */
    public IouAssert<T> hasTimedOut() {
        return isRejectedWithInstanceOf(TimeoutException.class);
    }

    /**
     * Verifies that the IOU has the name {@link IOU#named} gave it.
     *
     * @param name the expected name
     * @return this
     */
    public IouAssert<T> hasName(String name) {
        isNotNull();
        if (!Objects.equals(actual.name(), name)) {
            throw failure("%nExpecting%n  %s%nto be named%n  %s%nbut was named%n  %s", actual, name, actual.name());
        }
        return myself;
    }

    /**
     * Verifies that the IOU is fulfilled and returns assertions on its value.
     *
     * @return assertions on the value
     */
    public ObjectAssert<T> value() {
        isFulfilled();
        return Assertions.assertThat(value(actual));
    }

    /**
     * Verifies that the IOU is rejected and returns assertions on the reason.
     *
     * @return assertions on the reason
     */
    public AbstractThrowableAssert<?, ? extends Throwable> rejectionReason() {
        isRejected();
        return Assertions.assertThat((Throwable) actual.getValue());
    }

    /**
     * Waits up to {@code timeout} for the IOU to settle, verifies that it is fulfilled, and returns
     * assertions on its value. It waits in real time, for work done by other threads: for timeouts of
     * the IOUs themselves use a {@link VirtualIouTimer}.
     *
     * @param timeout how long to wait
     * @return assertions on the value
     */
    public ObjectAssert<T> succeedsWithin(Duration timeout) {
        return Assertions.assertThat(awaitValue(timeout));
    }

    /**
     * Waits as {@link #succeedsWithin(Duration)} does and returns assertions of the type
     * {@code factory} makes, such as {@code InstanceOfAssertFactories.STRING}.
     *
     * @param timeout how long to wait
     * @param factory the type of assertions on the value
     * @param <A> the assertions type
     * @return assertions on the value
     */
    public <A extends AbstractAssert<?, ?>> A succeedsWithin(Duration timeout, InstanceOfAssertFactory<T, A> factory) {
        Objects.requireNonNull(factory, "factory");
        return Assertions.assertThat(awaitValue(timeout)).asInstanceOf(factory);
    }

    /**
     * Waits up to {@code timeout} for the IOU to settle, verifies that it is rejected (cancellation
     * included), and returns assertions on the reason.
     *
     * @param timeout how long to wait
     * @return assertions on the reason
     */
    public AbstractThrowableAssert<?, ? extends Throwable> failsWithin(Duration timeout) {
        awaitSettled(timeout);
        return rejectionReason();
    }

    private T awaitValue(Duration timeout) {
        awaitSettled(timeout);
        if (actual.isRejected()) {
            Throwable reason = (Throwable) actual.getValue();
            AssertionError error = failure("%nExpecting%n  %s%nto be fulfilled within %s but it was rejected with%n  %s",
                    actual, timeout, reason);
            error.initCause(reason);
            throw error;
        }
        return value(actual);
    }

    private void awaitSettled(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        isNotNull();
        try {
            actual.await(timeout);
        }
        catch (TimeoutException ex) {
            throw failure("%nExpecting%n  %s%nto settle within %s", actual, timeout);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw failure("%nInterrupted while waiting for%n  %s", actual);
        }
        catch (CancellationException | CompletionException ex) {
            // settled by a rejection: the assertions that follow say whether that was expected
        }
    }

    private String describe() {
        Object value = actual.getValue();
        return actual.isRejected() ? actual + " (reason: " + value + ")" : String.valueOf(actual);
    }

    @SuppressWarnings("unchecked")
    private static <T> T value(IOU<T> iou) {
        return (T) iou.getValue();
    }
}
