package io.iou;

/**
 * Observes the life of every IOU in the JVM: metrics, tracing and diagnostics plug in here through
 * {@link IouHooks#register(IouHook)}.
 *
 * <p>Methods are called on the thread that creates or settles the IOU, inside the settle path, so
 * they must be quick, must not block and must not call back into the IOU's settling methods. An
 * exception thrown by a hook is reported as an unhandled failure and never disturbs the IOU.
 */
public interface IouHook {

    /**
     * An IOU was constructed. Called from the IOU's constructor: the instance is not yet fully
     * initialised, so use it for identity only.
     *
     * @param iou the new IOU
     */
    default void created(IOU<?> iou) {
    }

    /**
     * An IOU was fulfilled (exactly once per IOU).
     *
     * @param iou the IOU
     */
    default void fulfilled(IOU<?> iou) {
    }

    /**
     * An IOU was rejected (exactly once per IOU, and not for a cancellation unless
     * {@link #cancelled} passes it on).
     *
     * @param iou the IOU
     * @param reason why it was rejected
     */
    default void rejected(IOU<?> iou, Throwable reason) {
    }

    /**
     * An IOU was cancelled, timed out, or rejected by the cancellation of an IOU it waited on: the
     * consumer went away rather than the work failing (exactly once per IOU, instead of
     * {@link #rejected}). By default passed on to {@link #rejected}, so that a hook that does not
     * tell the two apart sees every rejection.
     *
     * @param iou the IOU
     * @param reason the {@link java.util.concurrent.CancellationException}, or the
     *        {@link java.util.concurrent.TimeoutException} of {@link IOU#timeout}
     */
    default void cancelled(IOU<?> iou, Throwable reason) {
        rejected(iou, reason);
    }

    /**
     * A rejection was never handled: the rejected IOU became unreachable before any handler, chained
     * IOU, join or {@code await}/{@code getValue} observed it. Called once per such IOU, on the
     * reporting thread.
     *
     * @param reason the rejection nobody handled
     */
    default void unhandledRejection(Throwable reason) {
    }
}
