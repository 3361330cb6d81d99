package io.iou;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The default {@link IouTimer}, a single daemon thread whose cancelled tasks leave its queue at once,
 * and the place where the timer in use is kept.
 */
final class DaemonTimer implements IouTimer {

    /** The timer in use: this default, or a replacement. */
    static volatile IouTimer current = new DaemonTimer();

    private final ScheduledThreadPoolExecutor pool;

    private DaemonTimer() {
        this.pool = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "iou-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.pool.setRemoveOnCancelPolicy(true);
    }

    static synchronized IouHooks.Registration replace(IouTimer timer) {
        IouTimer previous = current;
        current = timer;
        return () -> {
            synchronized (DaemonTimer.class) {
                if (current == timer) {
                    current = previous;
                }
            }
        };
    }

    @Override
    public Timeout schedule(Runnable task, Duration delay) {
        ScheduledFuture<?> scheduled = pool.schedule(task, saturatedNanos(delay), TimeUnit.NANOSECONDS);
        return () -> scheduled.cancel(false);
    }

    /** A delay in nanoseconds, saturated rather than overflowing for very long durations. */
    static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        }
        catch (ArithmeticException ex) {
            return Long.MAX_VALUE;
        }
    }
}
