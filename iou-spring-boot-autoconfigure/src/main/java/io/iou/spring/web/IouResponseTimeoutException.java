package io.iou.spring.web;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A WebFlux response gave up waiting for its IOU: answered as 503 Service Unavailable, as Spring MVC
 * answers an async request that timed out, through the application's normal error handling (an
 * {@code @ExceptionHandler} for this type, {@code ProblemDetail}, Boot's error response).
 */
public class IouResponseTimeoutException extends ResponseStatusException {

    private static final long serialVersionUID = 1L;

    /** How long the response waited. */
    private final Duration timeout;

    /**
     * Creates the exception for a response that waited {@code timeout}.
     *
     * @param timeout how long the response waited
     */
    public IouResponseTimeoutException(Duration timeout) {
        super(HttpStatus.SERVICE_UNAVAILABLE, null,
                new TimeoutException("IOU still pending after " + timeout + " (iou.web.timeout)"));
        this.timeout = timeout;
    }

    /**
     * Returns how long the response waited.
     *
     * @return the timeout that expired
     */
    public Duration getTimeout() {
        return timeout;
    }
}
