package io.iou.spring.web;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** Records every signal, with the thread it came on. */
class RecordingSubscriber<T> implements Subscriber<T> {

    final List<String> signals = new CopyOnWriteArrayList<>();

    final List<String> threads = new CopyOnWriteArrayList<>();

    final CountDownLatch terminated = new CountDownLatch(1);

    volatile Subscription subscription;

    volatile Throwable error;

    @Override
    public void onSubscribe(Subscription s) {
        subscription = s;
    }

    @Override
    public void onNext(T value) {
        record("next:" + value);
    }

    @Override
    public void onError(Throwable failure) {
        error = failure;
        record("error:" + failure.getClass().getSimpleName());
        terminated.countDown();
    }

    @Override
    public void onComplete() {
        record("complete");
        terminated.countDown();
    }

    boolean awaitTermination() throws InterruptedException {
        return terminated.await(10, TimeUnit.SECONDS);
    }

    private void record(String signal) {
        signals.add(signal);
        threads.add(Thread.currentThread().getName());
    }
}
