package io.iou.spring.boot.autoconfigure;

import java.time.Duration;

import io.iou.spring.http.IouHttpReactor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the IOU HTTP reactor ({@code iou.http.*}). Each setter rejects an out-of-range
 * value, so a bad value fails startup with the property's name.
 */
@ConfigurationProperties("iou.http")
public class IouHttpProperties {

    /** Absolute http(s) URL that relative task URIs are appended to. */
    private @Nullable String baseUrl;

    /** Connect timeout of the reactor's requests. Unset: spring.http.clients.connect-timeout, else the client library's default. */
    private @Nullable Duration connectTimeout;

    /** Longest wait for the server to send the response and each further part of it. Unset: spring.http.clients.read-timeout, else none. */
    private @Nullable Duration responseTimeout;

    /** Maximum number of requests in flight at once; further tasks wait in a queue. */
    private int maxInFlight = 256;

    /** Maximum number of tasks waiting for an in-flight slot; past it, tasks are rejected. */
    private int maxQueued = 1024;

    /** Maximum size of a response body; a larger body rejects the task. Also the codecs' in-memory limit for the reactor. */
    private DataSize maxResponseSize = DataSize.ofMegabytes(1);

    /** Creates the properties with their defaults. */
    public IouHttpProperties() {
    }

    /**
     * Returns the base URL.
     *
     * @return the base URL, or null
     */
    public @Nullable String getBaseUrl() {
        return this.baseUrl;
    }

    /**
     * Sets the base URL.
     *
     * @param baseUrl an absolute http(s) URL without query or fragment, or null
     */
    public void setBaseUrl(@Nullable String baseUrl) {
        if (baseUrl != null) {
            // fails here, with the property's name, rather than when the first task runs
            IouHttpReactor.Settings.defaults().withBaseUrl(baseUrl);
        }
        this.baseUrl = baseUrl;
    }

    /**
     * Returns the connect timeout.
     *
     * @return the timeout, or null to inherit
     */
    public @Nullable Duration getConnectTimeout() {
        return this.connectTimeout;
    }

    /**
     * Sets the connect timeout.
     *
     * @param connectTimeout a positive duration, or null to inherit
     */
    public void setConnectTimeout(@Nullable Duration connectTimeout) {
        this.connectTimeout = positive("connect-timeout", connectTimeout);
    }

    /**
     * Returns the response timeout.
     *
     * @return the timeout, or null to inherit
     */
    public @Nullable Duration getResponseTimeout() {
        return this.responseTimeout;
    }

    /**
     * Sets the response timeout.
     *
     * @param responseTimeout a positive duration, or null to inherit
     */
    public void setResponseTimeout(@Nullable Duration responseTimeout) {
        this.responseTimeout = positive("response-timeout", responseTimeout);
    }

    /**
     * Returns the in-flight limit.
     *
     * @return the limit
     */
    public int getMaxInFlight() {
        return this.maxInFlight;
    }

    /**
     * Sets the in-flight limit.
     *
     * @param maxInFlight at least 1
     */
    public void setMaxInFlight(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("iou.http.max-in-flight must be at least 1 but was " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
    }

    /**
     * Returns the queue limit.
     *
     * @return the limit
     */
    public int getMaxQueued() {
        return this.maxQueued;
    }

    /**
     * Sets the queue limit.
     *
     * @param maxQueued at least 0
     */
    public void setMaxQueued(int maxQueued) {
        if (maxQueued < 0) {
            throw new IllegalArgumentException("iou.http.max-queued must not be negative but was " + maxQueued);
        }
        this.maxQueued = maxQueued;
    }

    /**
     * Returns the body size limit.
     *
     * @return the limit
     */
    public DataSize getMaxResponseSize() {
        return this.maxResponseSize;
    }

    /**
     * Sets the body size limit.
     *
     * @param maxResponseSize from 1B to 2GB
     */
    public void setMaxResponseSize(DataSize maxResponseSize) {
        long bytes = maxResponseSize.toBytes();
        if (bytes < 1 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "iou.http.max-response-size must be between 1B and " + Integer.MAX_VALUE + "B but was " + maxResponseSize);
        }
        this.maxResponseSize = maxResponseSize;
    }

    /**
     * Returns the reactor's settings.
     *
     * @return base URL and limits
     */
    public IouHttpReactor.Settings toSettings() {
        return new IouHttpReactor.Settings(null, this.maxInFlight, this.maxQueued, (int) this.maxResponseSize.toBytes())
            .withBaseUrl(this.baseUrl);
    }

    private static @Nullable Duration positive(String name, @Nullable Duration timeout) {
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("iou.http." + name + " must be positive but was " + timeout);
        }
        return timeout;
    }
}
