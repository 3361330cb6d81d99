package io.iou;

import java.util.List;

/**
 * Rejects {@link IOU#any} when every input was rejected. The inputs' reasons are attached, in input
 * order, both as {@link #getReasons()} and as suppressed exceptions so that a logged stack trace
 * shows them all.
 */
public class IouAggregateException extends RuntimeException {

    /** The rejections, in input order (part of the serialized form). */
    private final List<Throwable> reasons;

    /**
     * Creates the exception.
     *
     * @param message what was being joined
     * @param reasons the rejections, in input order
     */
    public IouAggregateException(String message, List<Throwable> reasons) {
        super(message);
        this.reasons = List.copyOf(reasons);
        this.reasons.forEach(this::addSuppressed);
    }

    /**
     * Returns the rejections, in input order.
     *
     * @return the reasons
     */
    public List<Throwable> getReasons() {
        return reasons;
    }
}
