package io.iou;

/**
 * A listener's hold on an IOU, from {@link IOU#whenSettled}.
 */
public interface IouSubscription {

    /**
     * Drops the listener, unless it has been called, and withdraws its interest: the IOU is then
     * cancelled if no other dependent wants its outcome (see {@link IOU#cancel()}).
     *
     * @return true if this call dropped the listener, false if it was called or dropped before
     */
    boolean cancel();
}
