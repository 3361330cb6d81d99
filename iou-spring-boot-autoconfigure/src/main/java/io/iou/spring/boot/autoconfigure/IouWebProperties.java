package io.iou.spring.boot.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties of controllers that return IOUs ({@code iou.web.*}).
 */
@ConfigurationProperties("iou.web")
public class IouWebProperties {

    /** Whether controllers may return IOUs, in WebFlux and in Spring MVC. */
    private boolean enabled = true;

    /**
     * How long a WebFlux response waits for its IOU before answering 503 and withdrawing from the IOU
     * (cancelling it unless something else wants it); zero or negative to wait as long as it takes. Spring MVC uses spring.mvc.async.request-timeout
     * instead.
     */
    private Duration timeout = Duration.ofSeconds(30);

    /** Creates the properties with their defaults. */
    public IouWebProperties() {
    }

    /**
     * Whether controllers may return IOUs.
     *
     * @return true unless switched off
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether controllers may return IOUs.
     *
     * @param enabled false to leave IOU unknown to the web layer
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Returns how long a WebFlux response waits for its IOU.
     *
     * @return the timeout
     */
    public Duration getTimeout() {
        return timeout;
    }

    /**
     * Sets how long a WebFlux response waits for its IOU.
     *
     * @param timeout the timeout; zero or negative to wait as long as it takes
     */
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Whether WebFlux responses wait at most {@link #getTimeout()}.
     *
     * @return true if the timeout is positive
     */
    public boolean hasTimeout() {
        return !timeout.isZero() && !timeout.isNegative();
    }
}
