package io.iou;

import java.util.concurrent.CancellationException;

/**
 * Rejects an IOU that was cancelled: by {@link IOU#cancel()}, or because every dependent that wanted
 * its outcome was cancelled.
 *
 * <p>Cancellation is an expected outcome (a client went away, a race was decided), not an error, so
 * this exception carries no stack trace, as Guava's and Netty's cancellations do not: filling one in
 * would cost microseconds per cancelled request, and kilobytes for every cancelled dependent still
 * waiting on a long-lived shared IOU. The message says why the IOU was cancelled.
 */
public final class IouCancellationException extends CancellationException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why the IOU was cancelled
     */
    public IouCancellationException(String message) {
        super(message);
    }

    /**
     * Does not fill in a stack trace (see the class description).
     *
     * @return this exception
     */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
