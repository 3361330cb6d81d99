package io.iou.spring.web;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how long a response waits for an IOU; for WebFlux, which unlike Spring MVC has no request
 * timeout of its own. Without one, an IOU that never settles would hold its connection (and
 * whatever the IOU holds) until the client gave up. When the time is up, an {@link IouPublisher}
 * given this timeout withdraws from its IOU (which {@linkplain io.iou.IOU#cancel() cancels} it unless
 * something else wants it) and fails with an
 * {@link IouResponseTimeoutException} (503), signalled on the timer thread.
 *
 * <p>The timers of all responses share one daemon thread. A timer is a plain delayed task that is
 * removed as soon as its IOU settles: a few hundred nanoseconds per response, where an operator
 * such as Reactor's {@code Mono.timeout} costs several microseconds.
 */
public final class IouResponseTimeout {

    private final Duration timeout;

    private final long nanos;

    /**
     * Creates a timeout.
     *
     * @param timeout how long a response waits; must be positive
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public IouResponseTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive but was " + timeout);
        }
        this.timeout = timeout;
        this.nanos = saturatedNanos(timeout);
    }

    /**
     * Returns how long a response waits.
     *
     * @return the timeout
     */
    public Duration getTimeout() {
        return timeout;
    }

    /** Runs {@code expiry} on the timer thread once the time is up, unless the future is cancelled first. */
    ScheduledFuture<?> start(Runnable expiry) {
        return Timer.POOL.schedule(expiry, nanos, TimeUnit.NANOSECONDS);
    }

    /** The failure a response that waited too long ends with. */
    IouResponseTimeoutException failure() {
        return new IouResponseTimeoutException(timeout);
    }

    @Override
    public String toString() {
        return "IouResponseTimeout[" + timeout + "]";
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        }
        catch (ArithmeticException ex) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * The timer thread, started when the first timeout is; cancelled timers leave its queue at once.
     * A queue wakes its thread whenever a new task becomes its head, which, with few responses in
     * flight, would be nearly every timer; a no-op repeated every second holds the head instead, so
     * that starting a timer of a second or more never wakes the thread.
     */
    static final class Timer {

        static final ScheduledThreadPoolExecutor POOL;

        static {
            POOL = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "iou-web-timeout");
                thread.setDaemon(true);
                return thread;
            });
            POOL.setRemoveOnCancelPolicy(true);
            POOL.scheduleAtFixedRate(() -> { }, 1, 1, TimeUnit.SECONDS);
        }

        private Timer() {
        }
    }
}
