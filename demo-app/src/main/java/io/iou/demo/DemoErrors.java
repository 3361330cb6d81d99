package io.iou.demo;

import java.util.concurrent.TimeoutException;

import io.iou.spring.http.IouHttpException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.function.client.WebClientException;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Turns the demo's failures into {@link ProblemDetail} answers, never stack traces. IOU rejections
 * arrive here exactly as exceptions thrown by the controller would.
 */
@RestControllerAdvice
public class DemoErrors {

    /**
     * The people service could not be reached or answered badly.
     *
     * @param ex the reactor's failure, which names the request but never its headers or body
     * @return 502
     */
    @ExceptionHandler(IouHttpException.class)
    public ProblemDetail upstreamFailed(IouHttpException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
        problem.setTitle("People service unavailable");
        return problem;
    }

    /**
     * The people service, asked through the HTTP interface client, knows no such person.
     *
     * @param ex the client's rejection
     * @return 404
     */
    @ExceptionHandler(WebClientResponseException.NotFound.class)
    public ProblemDetail unknownPerson(WebClientResponseException.NotFound ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no person named "
                + ex.getRequest().getURI().getPath().replaceFirst(".*/", ""));
    }

    /**
     * The people service, asked through the HTTP interface client, answered with another error or
     * could not be reached.
     *
     * @param ex the client's rejection
     * @return 502
     */
    @ExceptionHandler({ WebClientResponseException.class, WebClientRequestException.class })
    public ProblemDetail peopleServiceFailed(WebClientException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
        problem.setTitle("People service unavailable");
        return problem;
    }

    /**
     * An IOU timed out.
     *
     * @param ex the timeout
     * @return 504
     */
    @ExceptionHandler(TimeoutException.class)
    public ProblemDetail timedOut(TimeoutException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT, ex.getMessage());
    }

    /**
     * A bad argument the framework's own checks do not catch.
     *
     * @param ex what was wrong
     * @return 400
     */
    @ExceptionHandler(IllegalArgumentException.class)
    public ProblemDetail badArgument(IllegalArgumentException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
    }
}
