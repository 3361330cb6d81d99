package io.iou;

import java.time.Duration;
import java.util.Objects;

/**
 * Runs delayed tasks for IOUs: {@link IOU#timeout} and the integrations that bound a wait. The
 * default is one daemon thread; tests replace it ({@link #replace}) with a virtual clock, so that
 * code with a thirty-second timeout is tested in milliseconds.
 */
@FunctionalInterface
public interface IouTimer {

    /**
     * Runs {@code task} once {@code delay} has passed, unless the returned timeout is cancelled first.
     *
     * @param task what to run; it must be quick, as it may run on the timer's only thread
     * @param delay how long to wait; positive
     * @return the scheduled task
     */
    Timeout schedule(Runnable task, Duration delay);

    /**
     * Returns the timer IOUs use now.
     *
     * @return the replacement set with {@link #replace}, or the default daemon thread
     */
    static IouTimer current() {
        return DaemonTimer.current;
    }

    /**
     * Makes IOUs use {@code timer} until the returned registration is closed; for tests.
     *
     * @param timer the timer
     * @return a registration whose {@code close()} puts back the timer used before, if this one is
     *         still the current one
     * @throws NullPointerException if {@code timer} is null
     */
    static IouHooks.Registration replace(IouTimer timer) {
        return DaemonTimer.replace(Objects.requireNonNull(timer, "timer"));
    }

    /** A scheduled task. */
    @FunctionalInterface
    interface Timeout {

        /** Drops the task if it has not run yet; harmless afterwards. */
        void cancel();
    }
}
