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
     * An IOU was rejected, cancellation included (exactly once per IOU).
     *
     * @param iou the IOU
     * @param reason why it was rejected
     */
    default void rejected(IOU<?> iou, Throwable reason) {
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
