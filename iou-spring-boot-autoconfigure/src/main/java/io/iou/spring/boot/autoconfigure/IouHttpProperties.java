package io.iou.spring.boot.autoconfigure;

import java.time.Duration;

import io.iou.spring.http.IouHttpReactor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the IOU HTTP reactor ({@code iou.http.*}). Checked when bound, so a bad value stops
 * the application at startup with the property, its value and the reason.
 */
@ConfigurationProperties("iou.http")
public class IouHttpProperties implements Validator {

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
        this.connectTimeout = connectTimeout;
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
        this.responseTimeout = responseTimeout;
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

    /**
     * Whether {@link #validate} checks {@code type}.
     *
     * @param type the bound type
     * @return true for this class
     */
    @Override
    public boolean supports(Class<?> type) {
        return IouHttpProperties.class.isAssignableFrom(type);
    }

    /**
     * Checks bound values. Each error names its property as configuration spells it, which is
     * how Spring Boot's startup failure report then shows it.
     *
     * @param target these properties
     * @param errors where problems are reported
     */
    @Override
    public void validate(Object target, Errors errors) {
        IouHttpProperties properties = (IouHttpProperties) target;
        if (properties.baseUrl != null) {
            try {
                // the reactor's own check, so that a bad URL fails at startup rather than at the first task
                IouHttpReactor.Settings.defaults().withBaseUrl(properties.baseUrl);
            }
            catch (IllegalArgumentException ex) {
                errors.rejectValue("base-url", "invalid", String.valueOf(ex.getMessage()));
            }
        }
        if (properties.connectTimeout != null && !PropertyChecks.isPositive(properties.connectTimeout)) {
            errors.rejectValue("connect-timeout", "notPositive", "must be positive (leave it unset to inherit)");
        }
        if (properties.responseTimeout != null && !PropertyChecks.isPositive(properties.responseTimeout)) {
            errors.rejectValue("response-timeout", "notPositive", "must be positive (leave it unset to inherit)");
        }
        if (properties.maxInFlight < 1) {
            errors.rejectValue("max-in-flight", "notPositive", "must be at least 1");
        }
        if (properties.maxQueued < 0) {
            errors.rejectValue("max-queued", "negative", "must not be negative");
        }
        long bytes = properties.maxResponseSize.toBytes();
        if (bytes < 1 || bytes > Integer.MAX_VALUE) {
            errors.rejectValue("max-response-size", "outOfRange", "must be between 1B and " + Integer.MAX_VALUE + "B");
        }
    }
}
