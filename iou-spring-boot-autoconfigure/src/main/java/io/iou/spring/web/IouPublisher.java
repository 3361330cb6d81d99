package io.iou.spring.web;

import java.util.Objects;
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
 * <p>Cancelling a subscription {@linkplain IOU#cancel() cancels the IOU}: the consumer has gone away
 * (a client disconnected, a request timed out), so whatever produces the value should stop. An IOU
 * has a single consumer here, the web layer, so one cancelling subscriber cancels it for all.
 *
 * <p>Signals are sent on the thread that settles the IOU, with no extra hop: for an IOU bound to the
 * IOU scheduler that is a pool thread, never the thread that subscribed. The publisher takes charge
 * of a rejection (it becomes {@code onError}) only once a subscriber requests the value.
 *
 * @param <T> the value type
 */
public final class IouPublisher<T> implements Publisher<T> {

    private final IOU<T> iou;

    /**
     * Publishes the outcome of {@code iou}.
     *
     * @param iou the IOU
     * @throws NullPointerException if {@code iou} is null
     */
    public IouPublisher(IOU<T> iou) {
        this.iou = Objects.requireNonNull(iou, "iou");
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
        subscriber.onSubscribe(new IouSubscription<>(iou, subscriber));
    }

    @Override
    public String toString() {
        return "IouPublisher[" + iou + "]";
    }

    /**
     * One subscriber's view of the IOU. Field {@code state} moves once from {@link #NEW} to
     * {@link #REQUESTED} (the first request attaches to the IOU) and once to {@link #DONE}
     * (terminal signal sent or subscription cancelled), by CAS, so a cancel racing with the IOU's
     * settlement either cancels the IOU or lets the signal through, never both.
     */
    static final class IouSubscription<T> implements Subscription, BiConsumer<T, Throwable> {

        private static final int NEW = 0;

        private static final int REQUESTED = 1;

        private static final int DONE = 2;

        @SuppressWarnings("rawtypes")
        private static final AtomicIntegerFieldUpdater<IouSubscription> STATE =
                AtomicIntegerFieldUpdater.newUpdater(IouSubscription.class, "state");

        private final IOU<T> iou;

        private final Subscriber<? super T> subscriber;

        private volatile int state;

        IouSubscription(IOU<T> iou, Subscriber<? super T> subscriber) {
            this.iou = iou;
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                if (STATE.getAndSet(this, DONE) != DONE) {
                    iou.cancel();
                    subscriber.onError(new IllegalArgumentException(
                            "Reactive Streams rule 3.9: request must be positive but was " + n));
                }
                return;
            }
            if (STATE.compareAndSet(this, NEW, REQUESTED)) {
                // the future's completion runs on the settling thread: no hop before Spring sees the value
                iou.toCompletableFuture().whenComplete(this);
            }
        }

        @Override
        public void cancel() {
            if (STATE.getAndSet(this, DONE) != DONE) {
                iou.cancel();
            }
        }

        /** Receives the IOU's outcome and signals it, unless the subscription was cancelled first. */
        @Override
        public void accept(@Nullable T value, @Nullable Throwable failure) {
            if (!STATE.compareAndSet(this, REQUESTED, DONE)) {
                return;
            }
            if (failure != null) {
                subscriber.onError(failure);
                return;
            }
            if (value != null) {
                subscriber.onNext(value);
            }
            subscriber.onComplete();
        }
    }
}
