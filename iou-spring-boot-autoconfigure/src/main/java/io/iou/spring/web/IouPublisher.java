package io.iou.spring.web;

import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import io.iou.IOU;

/**
 * A Reactive Streams {@link Publisher} of one IOU's outcome, as a {@code Mono} would publish it: a
 * value gives {@code onNext} then {@code onComplete}, a {@code null} value gives {@code onComplete}
 * alone, a rejection gives {@code onError} with the reason.
 *
 * <p>A subscription wants the IOU's outcome, as a handler's IOU does (see {@link IOU#cancel()}).
 * Cancelling it withdraws that interest: the consumer has gone away (a client disconnected, a
 * request timed out), so the IOU is cancelled, and whatever produces the value stops, unless another
 * dependent still wants the outcome (an IOU shared by several requests keeps running for the others).
 * A subscription cancelled before it requested withdraws in the same way.
 *
 * <p>Given an {@link IouResponseTimeout}, a subscription that is still waiting when the time is up
 * withdraws its interest in the same way and fails with an {@link IouResponseTimeoutException}.
 *
 * <p>Signals are sent with no extra hop: on the thread that settles the IOU (for a chain built on the
 * IOU scheduler, a pool thread), or, if the IOU has already settled, on the thread that requests.
 * The publisher takes charge of a rejection (it becomes {@code onError}) only once a subscriber
 * requests the value.
 *
 * @param <T> the value type
 */
public final class IouPublisher<T> implements Publisher<T> {

    private final IOU<T> iou;

    private final @Nullable IouResponseTimeout timeout;

    /**
     * Publishes the outcome of {@code iou}, however long it takes.
     *
     * @param iou the IOU
     * @throws NullPointerException if {@code iou} is null
     */
    public IouPublisher(IOU<T> iou) {
        this(iou, null);
    }

    /**
     * Publishes the outcome of {@code iou}, waiting at most {@code timeout} after a subscriber
     * requests it.
     *
     * @param iou the IOU
     * @param timeout how long to wait, or {@code null} for as long as it takes
     * @throws NullPointerException if {@code iou} is null
     */
    public IouPublisher(IOU<T> iou, @Nullable IouResponseTimeout timeout) {
        this.iou = Objects.requireNonNull(iou, "iou");
        this.timeout = timeout;
    }

    /**
     * Subscribes {@code subscriber} to the IOU's outcome; it is signalled once the subscriber
     * requests at least one element.
     *
     * @param subscriber the subscriber
     * @throws NullPointerException if {@code subscriber} is null (rule 1.9)
     */
    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        subscriber.onSubscribe(new IouSubscription<>(iou, timeout, subscriber));
    }

    @Override
    public String toString() {
        return "IouPublisher[" + iou + "]";
    }

    /**
     * One subscriber's view of the IOU. Field {@code state} moves once from {@link #NEW} to
     * {@link #REQUESTED} (the first request attaches to the IOU and starts the timer) and once to
     * {@link #DONE} (terminal signal sent, subscription cancelled, or time up), by CAS, so a cancel
     * or an expiry racing with the IOU's settlement either cancels the IOU or lets the outcome
     * through, never both.
     */
    static final class IouSubscription<T> implements Subscription, BiConsumer<T, Throwable>, Runnable {

        private static final int NEW = 0;

        private static final int REQUESTED = 1;

        private static final int DONE = 2;

        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<IouSubscription> STATE =
                AtomicIntegerFieldUpdater.newUpdater(IouSubscription.class, "state");

        private final IOU<T> iou;

        private final @Nullable IouResponseTimeout timeout;

        private final Subscriber<? super T> subscriber;

        private volatile int state;

        /** The running timer, once requested with a timeout. */
        private volatile @Nullable Future<?> timer;

        /** The listener's hold on the IOU, once requested. */
        private volatile io.iou.@Nullable IouSubscription interest;

        IouSubscription(IOU<T> iou, @Nullable IouResponseTimeout timeout, Subscriber<? super T> subscriber) {
            this.iou = iou;
            this.timeout = timeout;
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                if (STATE.getAndSet(this, DONE) != DONE) {
                    stopTimer();
                    withdraw();
                    subscriber.onError(new IllegalArgumentException(
                            "Reactive Streams rule 3.9: request must be positive but was " + n));
                }
                return;
            }
            if (STATE.compareAndSet(this, NEW, REQUESTED)) {
                if (timeout != null) {
                    timer = timeout.start(this);
                    if (state == DONE) {
                        stopTimer(); // cancelled while the timer was being started
                    }
                }
                // the listener runs on the settling thread: no hop before Spring sees the value
                interest = iou.whenSettled(this);
                if (state == DONE) {
                    withdraw(); // cancelled while the listener was being added
                }
            }
        }

        @Override
        public void cancel() {
            if (STATE.getAndSet(this, DONE) != DONE) {
                stopTimer();
                withdraw();
            }
        }

        /** The time is up: withdraws and fails, unless the outcome or a cancel came first. */
        @Override
        public void run() {
            if (timeout != null && STATE.compareAndSet(this, REQUESTED, DONE)) {
                withdraw();
                subscriber.onError(timeout.failure());
            }
        }

        /**
         * Withdraws this subscription's interest in the IOU. Before a request it has not added its
         * listener yet, so it adds one only to withdraw it: the IOU is then cancelled exactly when it
         * would have been had the subscriber requested first.
         */
        private void withdraw() {
            io.iou.IouSubscription held = interest;
            if (held == null) {
                held = iou.whenSettled((value, failure) -> { });
                interest = held;
            }
            held.cancel();
        }

        /** Receives the IOU's outcome and signals it, unless the subscription was cancelled first. */
        @Override
        public void accept(@Nullable T value, @Nullable Throwable failure) {
            if (!STATE.compareAndSet(this, REQUESTED, DONE)) {
                return;
            }
            stopTimer();
            if (failure != null) {
                subscriber.onError(failure);
                return;
            }
            if (value != null) {
                subscriber.onNext(value);
            }
            subscriber.onComplete();
        }

        private void stopTimer() {
            Future<?> running = timer;
            if (running != null) {
                running.cancel(false);
            }
        }
    }
}
