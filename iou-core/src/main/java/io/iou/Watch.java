package io.iou;

import java.lang.ref.Cleaner;

import io.iou.IOU.Tombstone;

/**
 * The tombstone of a rejected IOU: until something handles the rejection, reports it once when the
 * IOU becomes unreachable, to {@link IouHooks}. Java has no event-loop turn at which "nobody will
 * handle it" is known, so reachability decides, through a {@link Cleaner}, as Netty's leak detector
 * does. It must not reference the IOU, or the IOU would never become unreachable.
 */
final class Watch extends Tombstone implements Runnable {

    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "iou-unhandled-rejections");
        t.setDaemon(true);
        return t;
    });

    private final Throwable reason;

    private volatile boolean handled;

    Watch(Throwable reason) {
        this.reason = reason;
    }

    @Override
    void arm(IOU<?> iou) {
        if (!handled) {
            CLEANER.register(iou, this);
        }
    }

    @Override
    void handled() {
        handled = true;
    }

    @Override
    public void run() {
        if (!handled) {
            IouHooks.reportUnhandled(reason);
        }
    }
}
