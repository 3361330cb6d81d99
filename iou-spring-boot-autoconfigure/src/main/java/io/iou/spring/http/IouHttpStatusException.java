package io.iou.spring.http;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;

/**
 * A task that {@linkplain IouHttpReactorTask#withExpectSuccess(boolean) expected success} got a
 * non-2xx status. Carries the whole response: status, headers and body (read up to the reactor's
 * maximum response size). The message names the request and the status only.
 */
public class IouHttpStatusException extends IouHttpException {

    private final transient IouHttpResponse response;

    /**
     * Creates the exception for a response.
     *
     * @param response the non-2xx response
     */
    public IouHttpStatusException(IouHttpResponse response) {
        super(Kind.STATUS, response.method(), response.uri(), "unexpected status " + response.status(), null);
        this.response = response;
    }

    /**
     * Returns the response, whose body can still be read or decoded.
     *
     * @return the response
     */
    public IouHttpResponse response() {
        return this.response;
    }

    /**
     * Returns the response's status.
     *
     * @return the status
     */
    public HttpStatusCode status() {
        return this.response.status();
    }

    /**
     * Returns the response's headers.
     *
     * @return read-only headers
     */
    public HttpHeaders headers() {
        return this.response.headers();
    }

    /**
     * Returns a copy of the response body.
     *
     * @return the body's bytes, empty when there was none
     */
    public byte[] bodyAsBytes() {
        return this.response.bodyAsBytes();
    }

    /**
     * Returns the response body as text.
     *
     * @return the body decoded with the charset of its content type, UTF-8 when none is given
     */
    public String bodyAsText() {
        return this.response.bodyAsText();
    }
}
