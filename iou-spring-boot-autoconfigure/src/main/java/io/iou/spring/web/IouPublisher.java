package io.iou.spring.web;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import io.iou.IOU;
import io.iou.IouTimer;

/**
 * A Reactive Streams {@link Publisher} of one IOU's outcome, signalled as a {@code Mono} signals it:
 * a value gives {@code onNext} then {@code onComplete}, a {@code null} value gives {@code onComplete}
 * alone, a rejection gives {@code onError} with the reason.
 *
 * <h2>Signalling rules</h2>
 * <ul>
 * <li>{@code onSubscribe} comes first, from {@link #subscribe}; the subscription then follows the IOU
 * at once, whether or not anything is requested.</li>
 * <li>A value waits for demand: {@code onNext} and {@code onComplete} come once the IOU is fulfilled
 * and {@code request(n)} with {@code n > 0} has been called, in either order.</li>
 * <li>An outcome without a value needs no demand (Reactive Streams rules 1.4 and 1.9): a rejection
 * is signalled as {@code onError}, and a {@code null} value as {@code onComplete}, as soon as the IOU
 * settles, so a subscriber that never requests still hears of a failure.</li>
 * <li>{@code request(n)} with {@code n <= 0} withdraws from the IOU (see below) and signals
 * {@code onError} with an {@link IllegalArgumentException} (rule 3.9).</li>
 * <li>Each subscription signals at most one terminal signal, serially; after it, or after
 * {@code cancel()}, nothing more is signalled and {@code request} and {@code cancel} do nothing.</li>
 * </ul>
 *
 * <p>A subscription is a dependent of the IOU that wants its outcome ({@link IOU#whenSettled}).
 * Cancelling it withdraws that interest: the consumer has gone away (a client disconnected, a request
 * timed out), so the IOU is {@linkplain IOU#cancel() cancelled}, and whatever produces the value
 * stops, unless another dependent still wants it. Two requests answered from one shared IOU each
 * hold their own interest, so one client hanging up never fails the other.
 *
 * <p>Given an {@link IouResponseTimeout}, a subscription whose IOU has not settled when the time is
 * up, counted from {@link #subscribe}, withdraws in the same way and fails with an
 * {@link IouResponseTimeoutException}, demand or not.
 *
 * <p>Signals are sent with no extra hop: on the thread that settles the IOU (for a chain built on the
 * IOU scheduler, a pool thread); for an IOU settled before the subscription, on the subscribing
 * thread, or, for a value, on the thread whose request completes the pair; a timeout, on the timer
 * thread.
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
     * subscribes.
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
     * Subscribes {@code subscriber} to the IOU's outcome, following the signalling rules above.
     *
     * @param subscriber the subscriber
     * @throws NullPointerException if {@code subscriber} is null (rule 1.9)
     */
    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        IouSubscription<T> subscription = new IouSubscription<>(iou, timeout, subscriber);
        subscriber.onSubscribe(subscription);
        subscription.follow();
    }

    @Override
    public String toString() {
        return "IouPublisher[" + iou + "]";
    }

    /**
     * One subscriber's view of the IOU. Field {@code state} holds two flags that only get set,
     * {@link #REQUESTED} (demand arrived) and {@link #VALUE} (a non-null value arrived, in field
     * {@code value}), and {@link #DONE}, set once by CAS by whichever event ends the subscription:
     * the second of the two flags (it signals the value), an outcome without a value, a cancel, a bad
     * request or the timer. A cancel or an expiry racing with the IOU's settlement therefore either
     * withdraws from the IOU or lets the outcome through, never both, and signals never overlap.
     */
    static final class IouSubscription<T> implements Subscription, BiConsumer<T, Throwable>, Runnable {

        private static final int REQUESTED = 1;

        private static final int VALUE = 2;

        private static final int DONE = 4;

        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<IouSubscription> STATE =
                AtomicIntegerFieldUpdater.newUpdater(IouSubscription.class, "state");

        private final IOU<T> iou;

        private final @Nullable IouResponseTimeout timeout;

        private final Subscriber<? super T> subscriber;

        private volatile int state;

        /** The value, written before {@link #VALUE} is set and read after it is seen. */
        private @Nullable T value;

        /** The running timer, once started. */
        private volatile IouTimer.@Nullable Timeout timer;

        /** This subscription's hold on the IOU, once it follows it. */
        private volatile io.iou.@Nullable IouSubscription interest;

        IouSubscription(IOU<T> iou, @Nullable IouResponseTimeout timeout, Subscriber<? super T> subscriber) {
            this.iou = iou;
            this.timeout = timeout;
            this.subscriber = subscriber;
        }

        /**
         * Starts the timer and attaches to the IOU as an interested dependent; called once
         * {@code onSubscribe} has returned. A subscription that ended meanwhile (cancelled, or a bad
         * request, from within {@code onSubscribe}) still takes its interest and withdraws it, so
         * that the IOU is cancelled if nobody else wants it, as if it had been cancelled later.
         */
        void follow() {
            if (timeout != null && state != DONE) {
                timer = timeout.start(this);
                if (state == DONE) {
                    stopTimer(); // ended while the timer was being started
                }
            }
            // the listener runs on the settling thread: no hop before Spring sees the value
            interest = iou.whenSettled(this);
            if (state == DONE) {
                withdraw(); // ended before the interest was taken; a second withdrawal does nothing
            }
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                if (end()) {
                    withdraw();
                    subscriber.onError(new IllegalArgumentException(
                            "Reactive Streams rule 3.9: request must be positive but was " + n));
                }
                return;
            }
            if (arrive(REQUESTED)) {
                signalValue();
            }
        }

        @Override
        public void cancel() {
            if (end()) {
                withdraw();
            }
        }

        /** The time is up: withdraws from the IOU and fails, unless the subscription ended first. */
        @Override
        public void run() {
            if (timeout != null && end()) {
                withdraw();
                subscriber.onError(timeout.failure());
            }
        }

        /**
         * Withdraws this subscription's interest in the IOU, which cancels it if no other dependent
         * wants its outcome; does nothing before {@link #follow} has taken the interest, which then
         * withdraws it itself.
         */
        private void withdraw() {
            io.iou.IouSubscription held = interest;
            if (held != null) {
                held.cancel();
            }
        }

        /** Receives the IOU's outcome: a value waits for demand, anything else is signalled now. */
        @Override
        public void accept(@Nullable T result, @Nullable Throwable failure) {
            if (failure == null && result != null) {
                value = result;
                if (arrive(VALUE)) {
                    signalValue();
                }
            }
            else if (end()) {
                if (failure != null) {
                    subscriber.onError(failure);
                }
                else {
                    subscriber.onComplete();
                }
            }
        }

        /** Sets {@code flag}; returns true if it completed the pair, and so ended the subscription. */
        private boolean arrive(int flag) {
            for (;;) {
                int current = state;
                if ((current & (DONE | flag)) != 0) {
                    return false;
                }
                int next = ((current | flag) == (REQUESTED | VALUE)) ? DONE : current | flag;
                if (STATE.compareAndSet(this, current, next)) {
                    if (next == DONE) {
                        stopTimer();
                        return true;
                    }
                    return false;
                }
            }
        }

        /** Ends the subscription unless it has ended; returns whether this call ended it. */
        private boolean end() {
            for (;;) {
                int current = state;
                if (current == DONE) {
                    return false;
                }
                if (STATE.compareAndSet(this, current, DONE)) {
                    stopTimer();
                    return true;
                }
            }
        }

        private void signalValue() {
            T signalled = value;
            value = null;
            subscriber.onNext(signalled);
            subscriber.onComplete();
        }

        private void stopTimer() {
            IouTimer.Timeout running = timer;
            if (running != null) {
                running.cancel();
            }
        }
    }
}
