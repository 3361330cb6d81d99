package io.iou.spring.http;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * A complete HTTP response: status, headers and the whole body, read into memory (up to the
 * reactor's maximum response size) before the IOU is fulfilled. Immutable; the body can be read
 * and decoded any number of times, from any thread.
 *
 * <p>{@link #bodyAs(Class)} decodes with the codecs of the {@code WebClient} the reactor was built
 * from, so a Boot application's Jackson settings and codec customizers apply.
 */
public final class IouHttpResponse {

    private static final byte[] NO_BODY = {};

    private final HttpMethod method;

    private final URI uri;

    private final HttpStatusCode status;

    private final HttpHeaders headers;

    private final byte[] body;

    private final List<HttpMessageReader<?>> readers;

    IouHttpResponse(HttpMethod method, URI uri, HttpStatusCode status, HttpHeaders headers, byte[] body,
            List<HttpMessageReader<?>> readers) {
        this.method = method;
        this.uri = uri;
        this.status = status;
        this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
        this.body = (body.length != 0) ? body : NO_BODY;
        this.readers = readers;
    }

    /**
     * Returns the method of the request this answers.
     *
     * @return the method
     */
    public HttpMethod method() {
        return this.method;
    }

    /**
     * Returns the URI of the request this answers (resolved against the base URL).
     *
     * @return the absolute URI
     */
    public URI uri() {
        return this.uri;
    }

    /**
     * Returns the status.
     *
     * @return the status
     */
    public HttpStatusCode status() {
        return this.status;
    }

    /**
     * Returns the status code, as the original Python IOU library's {@code status_code}.
     *
     * @return the numeric status, e.g. 200
     */
    public int statusCode() {
        return this.status.value();
    }

    /**
     * Returns whether the status is 2xx.
     *
     * @return true for a successful status
     */
    public boolean isSuccessful() {
        return this.status.is2xxSuccessful();
    }

    /**
     * Returns the headers.
     *
     * @return read-only headers
     */
    public HttpHeaders headers() {
        return this.headers;
    }

    /**
     * Returns a copy of the body.
     *
     * @return the body's bytes, empty when there was none
     */
    public byte[] bodyAsBytes() {
        return this.body.clone();
    }

    /**
     * Returns the body as text.
     *
     * @return the body decoded with the charset of its content type, UTF-8 when none is given
     */
    public String bodyAsText() {
        MediaType contentType = this.headers.getContentType();
        Charset charset = (contentType != null && contentType.getCharset() != null) ? contentType.getCharset()
                : StandardCharsets.UTF_8;
        return new String(this.body, charset);
    }

    /**
     * Decodes the body to {@code type} with the application's codecs, chosen by the response's
     * content type.
     *
     * @param type the target type
     * @param <T> the target type
     * @return the decoded body, or null when the body is empty
     * @throws IouHttpException of kind {@link IouHttpException.Kind#UNDECODABLE_BODY} if no codec
     * reads the content type into {@code type} or the body is malformed
     */
    public <T> @Nullable T bodyAs(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return decode((response) -> response.bodyToMono(type));
    }

    /**
     * Decodes the body to a generic type, such as {@code List<Person>}, with the application's
     * codecs.
     *
     * @param type the target type
     * @param <T> the target type
     * @return the decoded body, or null when the body is empty
     * @throws IouHttpException of kind {@link IouHttpException.Kind#UNDECODABLE_BODY} if no codec
     * reads the content type into {@code type} or the body is malformed
     */
    public <T> @Nullable T bodyAs(ParameterizedTypeReference<T> type) {
        Objects.requireNonNull(type, "type");
        return decode((response) -> response.bodyToMono(type));
    }

    private <T> @Nullable T decode(Function<ClientResponse, Mono<T>> extractor) {
        if (this.body.length == 0) {
            // nothing to decode, whatever the content type says (a 204 has none)
            return null;
        }
        // A fresh wrapper per subscription: decoders move a buffer's read position.
        ClientResponse response = ClientResponse.create(this.status, this.readers)
            .headers((headers) -> headers.addAll(this.headers))
            .body(Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(this.body))))
            .build();
        try {
            // The body is in memory, so decoding completes at once; join() rather than block()
            // because block() refuses to run on event-loop threads even when nothing would wait.
            return extractor.apply(response).toFuture().join();
        }
        catch (CompletionException ex) {
            throw new IouHttpException(IouHttpException.Kind.UNDECODABLE_BODY, this.method, this.uri,
                    (ex.getCause() != null) ? ex.getCause() : ex);
        }
        catch (RuntimeException ex) {
            throw new IouHttpException(IouHttpException.Kind.UNDECODABLE_BODY, this.method, this.uri, ex);
        }
    }

    @Override
    public String toString() {
        return this.status + " (" + this.body.length + " bytes) for " + IouHttpException.describe(this.method, this.uri);
    }
}
