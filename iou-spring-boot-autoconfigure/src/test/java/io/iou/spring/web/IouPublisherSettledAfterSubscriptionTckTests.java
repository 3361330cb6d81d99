package io.iou.spring.web;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.reactivestreams.Publisher;

import io.iou.IOU;

/**
 * The TCK against publishers of IOUs that settle on another thread once the first subscriber has
 * subscribed, racing the TCK's requests and cancels.
 */
public class IouPublisherSettledAfterSubscriptionTckTests extends IouPublisherVerification {

    @Override
    Publisher<Integer> publisherOf(Integer value) {
        return settledAfterSubscription(null, (iou) -> iou.fulfill(value));
    }

    @Override
    public Publisher<Integer> createFailedPublisher() {
        return settledAfterSubscription(null,
                (iou) -> iou.reject(new IllegalStateException("rejected after the subscription")));
    }

    /** A publisher of a pending IOU, which {@code settle} settles on another thread after the first subscription. */
    static Publisher<Integer> settledAfterSubscription(IouResponseTimeout timeout, Consumer<IOU<Integer>> settle) {
        IOU<Integer> iou = new IOU<>();
        IouPublisher<Integer> publisher = new IouPublisher<>(iou, timeout);
        return (subscriber) -> {
            publisher.subscribe(subscriber);
            CompletableFuture.runAsync(() -> settle.accept(iou));
        };
    }
}
