package io.iou;

/**
 * Carries thread-bound context (the logging MDC, the current trace span, the security context) from
 * where a handler is added to wherever it runs: a pool thread, an event loop, a timer, or the thread
 * that settles an IOU. Registered with {@link IouContext#register}; the Spring Boot starter registers
 * one built on Micrometer's context propagation.
 *
 * <p>A handler runs with the context captured when it was added, never with that of the thread that
 * happens to run it, so one request's context cannot leak into another's.
 */
public interface IouContextPropagator {

    /**
     * Captures the context current on the calling thread, where a handler is being added.
     *
     * @return the captured context; never null (capture an empty context if there is none, so that
     *         restoring it clears the running thread's)
     */
    Object capture();

    /**
     * Makes {@code captured} the calling thread's context, clearing whatever context the thread had
     * that {@code captured} does not hold.
     *
     * @param captured what {@link #capture()} returned
     * @return what puts the thread's own context back, closed once the handler returns
     */
    Scope restore(Object captured);

    /** Puts a thread's own context back after a handler ran with a captured one. */
    @FunctionalInterface
    interface Scope extends AutoCloseable {

        /** Restores the context the thread had before. */
        @Override
        void close();
    }
}
