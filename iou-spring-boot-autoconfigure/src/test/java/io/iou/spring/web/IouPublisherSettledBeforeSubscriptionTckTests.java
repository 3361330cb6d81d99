package io.iou.spring.web;

import org.reactivestreams.Publisher;

import io.iou.IOU;

/** The TCK against publishers of IOUs that settled before anyone subscribed. */
public class IouPublisherSettledBeforeSubscriptionTckTests extends IouPublisherVerification {

    @Override
    Publisher<Integer> publisherOf(Integer value) {
        return new IouPublisher<>(IOU.fulfilled(value));
    }

    @Override
    public Publisher<Integer> createFailedPublisher() {
        return new IouPublisher<>(IOU.rejected(new IllegalStateException("rejected before the subscription")));
    }
}
