package io.iou.spring.metrics;

import java.util.concurrent.TimeoutException;

/**
 * How an IOU settled, as the {@code outcome} tag of the IOU metrics and observations names it.
 * Cancellations and timeouts are kept apart from rejections: they mean the consumer went away or gave
 * up, not that the work failed, and a dashboard must be able to tell a client hanging up from an
 * error.
 */
public enum IouOutcome {

    /** Fulfilled with a value. */
    FULFILLED("fulfilled"),

    /** Rejected by a failure of the work. */
    REJECTED("rejected"),

    /** Cancelled, or rejected because an IOU it waited on was cancelled. */
    CANCELLED("cancelled"),

    /** Timed out ({@code IOU.timeout}), or rejected because an IOU it waited on timed out. */
    TIMED_OUT("timed-out");

    /** The tag key. */
    public static final String TAG = "outcome";

    private final String tagValue;

    IouOutcome(String tagValue) {
        this.tagValue = tagValue;
    }

    /**
     * Returns the tag value.
     *
     * @return {@code fulfilled}, {@code rejected}, {@code cancelled} or {@code timed-out}
     */
    public String tagValue() {
        return this.tagValue;
    }

    /**
     * Returns the outcome of an IOU that the core reported {@linkplain io.iou.IouHook#cancelled
     * cancelled}.
     *
     * @param reason the reason the core gave
     * @return {@link #TIMED_OUT} for a {@link TimeoutException}, {@link #CANCELLED} otherwise
     */
    public static IouOutcome ofCancellation(Throwable reason) {
        return (reason instanceof TimeoutException) ? TIMED_OUT : CANCELLED;
    }
}
