package io.iou.spring.web;

import java.time.Duration;
import java.util.Objects;

import io.iou.IouTimer;

/**
 * Bounds how long a response waits for an IOU; for WebFlux, which unlike Spring MVC has no request
 * timeout of its own. Without one, an IOU that never settles would hold its connection (and
 * whatever the IOU holds) until the client gave up. When the time is up, an {@link IouPublisher}
 * given this timeout withdraws from its IOU (which {@linkplain io.iou.IOU#cancel() cancels} it unless
 * something else wants it) and fails with an
 * {@link IouResponseTimeoutException} (503), signalled on the timer's thread.
 *
 * <p>The timers run on the IOU timer ({@link IouTimer#current()}), as {@link io.iou.IOU#timeout} does,
 * so a test on virtual time ({@code VirtualIouTimer}) sees them too. The default timer is built for
 * timeouts that are set per request and nearly always cancelled long before they are due: starting
 * one is an allocation and a CAS, stopping it one write, and neither takes a lock or wakes a thread.
 */
public final class IouResponseTimeout {

    private final Duration timeout;

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
    }

    /**
     * Returns how long a response waits.
     *
     * @return the timeout
     */
    public Duration getTimeout() {
        return timeout;
    }

    /** Runs {@code expiry} on the timer's thread once the time is up, unless cancelled first. */
    IouTimer.Timeout start(Runnable expiry) {
        return IouTimer.current().schedule(expiry, timeout);
    }

    /** The failure a response that waited too long ends with. */
    IouResponseTimeoutException failure() {
        return new IouResponseTimeoutException(timeout);
    }

    @Override
    public String toString() {
        return "IouResponseTimeout[" + timeout + "]";
    }
}
