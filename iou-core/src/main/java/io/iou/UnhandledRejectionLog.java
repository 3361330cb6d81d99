package io.iou;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The default handler of unhandled rejections: logs the first {@code burst} of each interval with
 * their stack traces, and then one line per interval that says how many more there were. An upstream
 * outage that leaves ten thousand rejections unhandled writes a few traces and a count, not ten
 * thousand traces; nothing goes unmentioned.
 *
 * <p>An interval starts with the first rejection after the previous one ended. Its summary line is
 * written when it ends, by the {@link IouTimer}, or by the next rejection if that comes first (a late
 * timer then finds the interval gone and writes nothing), so each interval that held back rejections
 * gets exactly one summary.
 */
final class UnhandledRejectionLog implements Consumer<Throwable> {

    /** Defaults: ten traces a minute. */
    static final int DEFAULT_BURST = 10;

    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    private final int burst;

    private final Duration interval;

    private final long intervalNanos;

    private final System.Logger logger;

    private final LongSupplier nanoClock;

    /** Numbers the intervals, so that the timer of one that has ended does nothing; guarded by this. */
    private long window;

    private long windowStart;

    private int logged;

    private long heldBack;

    UnhandledRejectionLog(int burst, Duration interval, System.Logger logger, LongSupplier nanoClock) {
        if (burst < 0) {
            throw new IllegalArgumentException("burst must not be negative but was " + burst);
        }
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive but was " + interval);
        }
        this.burst = burst;
        this.interval = interval;
        this.intervalNanos = DaemonTimer.saturatedNanos(interval);
        this.logger = logger;
        this.nanoClock = nanoClock;
    }

    @Override
    public void accept(Throwable reason) {
        boolean log;
        long endedHeldBack = 0;
        long scheduleWindow = -1;
        long delay = 0;
        synchronized (this) {
            long now = this.nanoClock.getAsLong();
            if (this.window == 0 || now - this.windowStart >= this.intervalNanos) {
                endedHeldBack = this.heldBack;
                this.window++;
                this.windowStart = now;
                this.logged = 0;
                this.heldBack = 0;
            }
            log = this.logged < this.burst;
            if (log) {
                this.logged++;
            }
            else if (this.heldBack++ == 0) {
                scheduleWindow = this.window;
                delay = this.intervalNanos - (now - this.windowStart);
            }
        }
        if (endedHeldBack > 0) {
            summarize(endedHeldBack);
        }
        if (log) {
            this.logger.log(Level.WARNING,
                    "Unhandled IOU rejection: the IOU became unreachable and no handler ever saw this failure", reason);
        }
        if (scheduleWindow > 0) {
            long ending = scheduleWindow;
            IouTimer.current().schedule(() -> endWindow(ending), Duration.ofNanos(Math.max(1, delay)));
        }
    }

    /** The timer's end of interval {@code ending}: summarizes it unless a later rejection already did. */
    private void endWindow(long ending) {
        long count;
        synchronized (this) {
            if (this.window != ending) {
                return;
            }
            count = this.heldBack;
            this.heldBack = 0;
        }
        if (count > 0) {
            summarize(count);
        }
    }

    private void summarize(long count) {
        this.logger.log(Level.WARNING, "... and " + count + " more unhandled IOU rejection(s) within " + this.interval
                + ", not logged: at most " + this.burst + " are logged per " + this.interval);
    }
}
