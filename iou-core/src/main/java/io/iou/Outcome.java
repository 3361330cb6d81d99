package io.iou;

import org.jspecify.annotations.Nullable;

/**
 * How one IOU settled: the element type of {@link IOU#allSettled}.
 *
 * @param <T> the value type
 */
public sealed interface Outcome<T extends @Nullable Object> permits Outcome.Fulfilled, Outcome.Rejected {

    /**
     * A fulfilment.
     *
     * @param value the value, possibly null
     * @param <T> the value type
     */
    record Fulfilled<T extends @Nullable Object>(T value) implements Outcome<T> {
    }

    /**
     * A rejection.
     *
     * @param reason why the IOU was rejected
     * @param <T> the value type the IOU would have had
     */
    record Rejected<T extends @Nullable Object>(Throwable reason) implements Outcome<T> {
    }
}
