package io.iou.spring.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * An HTTP request to submit to an {@link IouHttpReactor}: method, URI, headers, body, timeout and
 * whether a non-2xx status counts as a failure. Immutable: each {@code with*} method returns a
 * changed copy, so a task can be shared and reused.
 * <pre>{@code
 * IouHttpReactorTask task = new IouHttpReactorTask("http://127.0.0.1:8080/people/1"); // a GET
 * IouHttpReactorTask create = IouHttpReactorTask.post("/people", person)           // relative to iou.http.base-url
 *         .withHeader("X-Request-Id", id)
 *         .withTimeout(Duration.ofSeconds(2))
 *         .withExpectSuccess(true);
 * }</pre>
 * {@link #toString()} shows the method and URI only: headers and body may hold secrets.
 */
public final class IouHttpReactorTask {

    private static final HttpHeaders NO_HEADERS = HttpHeaders.readOnlyHttpHeaders(new HttpHeaders());

    private final HttpMethod method;

    private final URI uri;

    private final HttpHeaders headers;

    private final @Nullable Object body;

    private final @Nullable Duration timeout;

    private final boolean expectSuccess;

    /**
     * Creates a GET of {@code uri}, as the original library's {@code HTTPReactorTask(url)}.
     *
     * @param uri an absolute http(s) URI, or one relative to the reactor's base URL
     * @throws IllegalArgumentException if {@code uri} is not a valid URI
     */
    public IouHttpReactorTask(String uri) {
        this(HttpMethod.GET, uri);
    }

    /**
     * Creates a request with no headers and no body.
     *
     * @param method the method
     * @param uri an absolute http(s) URI, or one relative to the reactor's base URL
     * @throws IllegalArgumentException if {@code uri} is not a valid URI
     */
    public IouHttpReactorTask(HttpMethod method, String uri) {
        this(method, parse(uri));
    }

    /**
     * Creates a request with no headers and no body.
     *
     * @param method the method
     * @param uri an absolute http(s) URI, or one relative to the reactor's base URL
     * @throws IllegalArgumentException if {@code uri} is absolute but not http(s), or has no host
     */
    public IouHttpReactorTask(HttpMethod method, URI uri) {
        this(Objects.requireNonNull(method, "method"), check(uri), NO_HEADERS, null, null, false);
    }

    private IouHttpReactorTask(HttpMethod method, URI uri, HttpHeaders headers, @Nullable Object body,
            @Nullable Duration timeout, boolean expectSuccess) {
        this.method = method;
        this.uri = uri;
        this.headers = headers;
        this.body = body;
        this.timeout = timeout;
        this.expectSuccess = expectSuccess;
    }

    /**
     * Creates a GET.
     *
     * @param uri an absolute http(s) URI, or one relative to the reactor's base URL
     * @return the task
     */
    public static IouHttpReactorTask get(String uri) {
        return new IouHttpReactorTask(HttpMethod.GET, uri);
    }

    /**
     * Creates a POST with a body.
     *
     * @param uri an absolute http(s) URI, or one relative to the reactor's base URL
     * @param body the body, encoded with the application's codecs
     * @return the task
     */
    public static IouHttpReactorTask post(String uri, Object body) {
        return new IouHttpReactorTask(HttpMethod.POST, uri).withBody(Objects.requireNonNull(body, "body"));
    }

    /**
     * Creates a PUT with a body.
     *
     * @param uri an absolute http(s) URI, or one relative to the reactor's base URL
     * @param body the body, encoded with the application's codecs
     * @return the task
     */
    public static IouHttpReactorTask put(String uri, Object body) {
        return new IouHttpReactorTask(HttpMethod.PUT, uri).withBody(Objects.requireNonNull(body, "body"));
    }

    /**
     * Creates a DELETE.
     *
     * @param uri an absolute http(s) URI, or one relative to the reactor's base URL
     * @return the task
     */
    public static IouHttpReactorTask delete(String uri) {
        return new IouHttpReactorTask(HttpMethod.DELETE, uri);
    }

    /**
     * Returns a copy with another method.
     *
     * @param method the method
     * @return the changed copy
     */
    public IouHttpReactorTask withMethod(HttpMethod method) {
        Objects.requireNonNull(method, "method");
        return new IouHttpReactorTask(method, this.uri, this.headers, this.body, this.timeout, this.expectSuccess);
    }

    /**
     * Returns a copy with header {@code name} set to {@code values}, replacing earlier values.
     *
     * @param name the header name
     * @param values the values, at least one
     * @return the changed copy
     * @throws IllegalArgumentException if {@code name} is blank or no value is given
     */
    public IouHttpReactorTask withHeader(String name, String... values) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
        if (name.isBlank()) {
            throw new IllegalArgumentException("Header name must not be blank");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException("Header '" + name + "' needs at least one value");
        }
        for (String value : values) {
            Objects.requireNonNull(value, () -> "value of header '" + name + "'");
        }
        HttpHeaders copy = copyHeaders();
        copy.put(name, Arrays.asList(values));
        return withHeadersCopy(copy);
    }

    /**
     * Returns a copy with all of {@code headers} set, replacing earlier values of the same names.
     *
     * @param headers the headers to set
     * @return the changed copy
     */
    public IouHttpReactorTask withHeaders(HttpHeaders headers) {
        Objects.requireNonNull(headers, "headers");
        HttpHeaders copy = copyHeaders();
        copy.putAll(headers);
        return withHeadersCopy(copy);
    }

    /**
     * Returns a copy with a body, encoded with the application's codecs (a {@code String},
     * {@code byte[]}, or an object written as JSON, by the {@code Content-Type} header or the
     * codecs' default).
     *
     * @param body the body, or null for none; a value, not a stream
     * @return the changed copy
     * @throws IllegalArgumentException if {@code body} is a reactive stream
     */
    public IouHttpReactorTask withBody(@Nullable Object body) {
        if (body instanceof Publisher) {
            throw new IllegalArgumentException(
                    "Task body must be a value, not a reactive stream (" + body.getClass().getName() + ")");
        }
        return new IouHttpReactorTask(this.method, this.uri, this.headers, body, this.timeout, this.expectSuccess);
    }

    /**
     * Returns a copy whose whole exchange, from sending the request to the last byte of the body,
     * must finish within {@code timeout}; past it the request is cancelled and the IOU rejected with
     * {@link IouHttpException.Kind#RESPONSE_TIMEOUT}. Time spent waiting in the reactor's queue does
     * not count (bound that with {@code IOU.timeout}).
     *
     * @param timeout a positive duration, or null for none beyond the reactor's response timeout
     * @return the changed copy
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public IouHttpReactorTask withTimeout(@Nullable Duration timeout) {
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("Task timeout must be positive but was " + timeout);
        }
        return new IouHttpReactorTask(this.method, this.uri, this.headers, this.body, timeout, this.expectSuccess);
    }

    /**
     * Returns a copy that does or does not expect success. By default any status fulfils the IOU
     * (the caller reads the status code); when {@code expectSuccess} is true, a non-2xx status
     * rejects it with an {@link IouHttpStatusException} carrying status, headers and body.
     *
     * @param expectSuccess whether a non-2xx status rejects the IOU
     * @return the changed copy
     */
    public IouHttpReactorTask withExpectSuccess(boolean expectSuccess) {
        return new IouHttpReactorTask(this.method, this.uri, this.headers, this.body, this.timeout, expectSuccess);
    }

    /**
     * Returns the method.
     *
     * @return the method
     */
    public HttpMethod method() {
        return this.method;
    }

    /**
     * Returns the URI, absolute or relative to the reactor's base URL.
     *
     * @return the URI as given
     */
    public URI uri() {
        return this.uri;
    }

    /**
     * Returns the headers.
     *
     * @return read-only headers, empty when none were set
     */
    public HttpHeaders headers() {
        return this.headers;
    }

    /**
     * Returns the body.
     *
     * @return the body, or null for none
     */
    public @Nullable Object body() {
        return this.body;
    }

    /**
     * Returns the timeout of the whole exchange.
     *
     * @return the timeout, or null for none
     */
    public @Nullable Duration timeout() {
        return this.timeout;
    }

    /**
     * Returns whether a non-2xx status rejects the IOU.
     *
     * @return true if the task expects a 2xx status
     */
    public boolean expectSuccess() {
        return this.expectSuccess;
    }

    @Override
    public String toString() {
        return IouHttpException.describe(this.method, this.uri);
    }

    private HttpHeaders copyHeaders() {
        HttpHeaders copy = new HttpHeaders();
        copy.addAll(this.headers);
        return copy;
    }

    private IouHttpReactorTask withHeadersCopy(HttpHeaders copy) {
        return new IouHttpReactorTask(this.method, this.uri, HttpHeaders.readOnlyHttpHeaders(copy), this.body,
                this.timeout, this.expectSuccess);
    }

    private static URI parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        try {
            return new URI(uri);
        }
        catch (URISyntaxException ex) {
            throw new IllegalArgumentException("Invalid task URI '" + uri + "': " + ex.getReason(), ex);
        }
    }

    private static URI check(URI uri) {
        Objects.requireNonNull(uri, "uri");
        if (uri.isAbsolute()) {
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("Task URI must be http or https but was '" + uri + "'");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("Task URI has no host: '" + uri + "'");
            }
        }
        else if (uri.getRawAuthority() != null) {
            throw new IllegalArgumentException("Task URI needs a scheme or no host: '" + uri + "'");
        }
        return uri;
    }
}
