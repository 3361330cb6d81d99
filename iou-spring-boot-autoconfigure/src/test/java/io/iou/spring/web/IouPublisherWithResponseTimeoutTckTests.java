package io.iou.spring.web;

import java.time.Duration;

import org.reactivestreams.Publisher;

import io.iou.IOU;

/**
 * The TCK against publishers with a response timeout: IOUs that settle after the subscription, well
 * within a timeout that outlasts the run (so every timer is started and stopped), and, as the failing
 * publisher, an IOU that never settles and fails when its short timeout is up.
 */
public class IouPublisherWithResponseTimeoutTckTests extends IouPublisherVerification {

    static final IouResponseTimeout OUTLASTS_THE_RUN = new IouResponseTimeout(Duration.ofMinutes(10));

    @Override
    Publisher<Integer> publisherOf(Integer value) {
        return IouPublisherSettledAfterSubscriptionTckTests.settledAfterSubscription(OUTLASTS_THE_RUN,
                (iou) -> iou.fulfill(value));
    }

    @Override
    public Publisher<Integer> createFailedPublisher() {
        return new IouPublisher<>(new IOU<Integer>(), new IouResponseTimeout(Duration.ofMillis(50)));
    }
}
