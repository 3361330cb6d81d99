package io.iou.spring.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * Why an HTTP task failed. Every rejection of an {@link IouHttpReactor} IOU, and every failure to
 * decode an {@link IouHttpResponse}, is one of these: {@link #kind()} says what went wrong and the
 * message names the request (method and URI). Headers and bodies, which may hold secrets, never
 * appear in the message; nor do the URI's user info and query string.
 */
public class IouHttpException extends RuntimeException {

    /** What went wrong. */
    public enum Kind {

        /** The server's port refused the connection (nothing listens there). */
        CONNECTION_REFUSED("connection refused"),

        /** The host name did not resolve. */
        UNKNOWN_HOST("unknown host"),

        /** The connection was not established within the connect timeout. */
        CONNECT_TIMEOUT("connect timed out"),

        /** The response did not arrive within the response timeout or the task's timeout. */
        RESPONSE_TIMEOUT("response timed out"),

        /** The connection was closed or reset before the response was complete. */
        CONNECTION_RESET("connection closed before the response was complete"),

        /** The response body was larger than the reactor's maximum response size. */
        RESPONSE_TOO_LARGE("response body too large"),

        /** The response body could not be decoded to the requested type. */
        UNDECODABLE_BODY("response body could not be decoded"),

        /** The reactor's queue of tasks waiting for an in-flight slot was full. */
        QUEUE_FULL("queue full"),

        /** The response had a non-2xx status and the task expected success; see {@link IouHttpStatusException}. */
        STATUS("unexpected status"),

        /** The reactor was closed before the task could run. */
        CLOSED("reactor closed"),

        /** Any other failure to send the request or read the response; see the cause. */
        OTHER("request failed");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /**
         * Returns a short description, as used in exception messages.
         *
         * @return the description
         */
        public String description() {
            return this.description;
        }
    }

    /** What went wrong. */
    private final Kind kind;

    /** The request's method. */
    private final HttpMethod method;

    /** The request's URI. */
    private final URI uri;

    /**
     * Creates an exception whose message is the request followed by the kind's description.
     *
     * @param kind what went wrong
     * @param method the request's method
     * @param uri the request's URI
     * @param cause the underlying failure, if any
     */
    public IouHttpException(Kind kind, HttpMethod method, URI uri, @Nullable Throwable cause) {
        this(kind, method, uri, kind.description(), cause);
    }

    /**
     * Creates an exception whose message is the request followed by {@code detail}.
     *
     * @param kind what went wrong
     * @param method the request's method
     * @param uri the request's URI
     * @param detail what to say after the request, without secrets
     * @param cause the underlying failure, if any
     */
    public IouHttpException(Kind kind, HttpMethod method, URI uri, String detail, @Nullable Throwable cause) {
        super(describe(method, uri) + ": " + Objects.requireNonNull(detail, "detail"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.method = method;
        this.uri = uri;
    }

    /**
     * Returns what went wrong.
     *
     * @return the kind of failure
     */
    public Kind kind() {
        return this.kind;
    }

    /**
     * Returns the request's method.
     *
     * @return the method
     */
    public HttpMethod method() {
        return this.method;
    }

    /**
     * Returns the request's full URI (the message shows it without user info and query).
     *
     * @return the URI
     */
    public URI uri() {
        return this.uri;
    }

    /**
     * Names a request for a message: method and URI without user info or query string, which can
     * carry credentials.
     */
    static String describe(HttpMethod method, URI uri) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        String shown;
        try {
            shown = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        }
        catch (URISyntaxException ex) {
            shown = uri.getScheme() + "://" + uri.getHost();
        }
        return method.name() + " " + shown + (uri.getRawQuery() != null ? "?..." : "");
    }
}
