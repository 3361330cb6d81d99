package io.iou.spring.http;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import io.iou.IOU;
import io.iou.spring.http.UpstreamApi.Person;

import static io.iou.test.IouAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an {@link UpstreamApi} client returns, however it was made: IOUs that settle with the body,
 * the entity or nothing, reject with Spring's {@link WebClientResponseException}s, and cancel the
 * request when nobody wants them any more.
 */
interface UpstreamApiContract {

    Duration WAIT = Duration.ofSeconds(20);

    UpstreamApi api();

    LoopbackHttpServer upstream();

    /** How the name of the thread that runs a handler of the client's IOU begins. */
    String handlerThreadPrefix();

    /** The call of issue 10 that never settled while IOU was not in the shared registry. */
    @Test
    default void bodyArrivesAsAnIou() {
        IOU<Person> person = api().person();

        assertThat(person).succeedsWithin(WAIT).isEqualTo(new Person("Ada", 36));
    }

    @Test
    default void responseEntityArrivesAsAnIou() {
        assertThat(api().personEntity()).succeedsWithin(WAIT).satisfies(entity -> {
            assertThat(entity.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(entity.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
            assertThat(entity.getBody()).isEqualTo(new Person("Ada", 36));
        });
    }

    @Test
    default void voidIouIsFulfilledWithNullOnceTheResponseIsIn() {
        assertThat(api().status(204)).succeedsWithin(WAIT).isNull();
        assertThat(api().status(200)).as("a body is not read").succeedsWithin(WAIT).isNull();
    }

    @Test
    default void httpErrorsRejectWithWebClientResponseExceptionSubtypes() {
        assertThat(api().statusText(404)).failsWithin(WAIT)
                .isInstanceOfSatisfying(WebClientResponseException.NotFound.class,
                        ex -> assertThat(ex.getResponseBodyAsString()).isEqualTo("status 404"));
        assertThat(api().status(503)).failsWithin(WAIT).isInstanceOf(WebClientResponseException.ServiceUnavailable.class);
    }

    @Test
    default void cancellingTheIouCancelsTheRequestAndTheServerSeesTheConnectionClose() {
        int arrived = upstream().hangArrived.get();
        int closed = upstream().hangClosed.get();
        IOU<String> hanging = api().hang();
        await().atMost(WAIT).until(() -> upstream().hangArrived.get() == arrived + 1);
        assertThat(upstream().hangClosed.get()).as("open while the IOU waits").isEqualTo(closed);

        hanging.cancel();

        await().atMost(WAIT).until(() -> upstream().hangClosed.get() == closed + 1);
    }

    /** Cancellation by interest: the request stops once the last dependent that wanted it is cancelled. */
    @Test
    default void theRequestRunsUntilTheLastDependentThatWantsItIsCancelled() {
        int arrived = upstream().hangArrived.get();
        int closed = upstream().hangClosed.get();
        IOU<String> hanging = api().hang();
        IOU<Integer> length = hanging.addFulfilledHandler(String::length);
        IOU<String> upper = hanging.addFulfilledHandler(String::toUpperCase);
        await().atMost(WAIT).until(() -> upstream().hangArrived.get() == arrived + 1);

        length.cancel();
        assertThat(hanging).as("another dependent still wants the response").isPending();
        upper.cancel();

        assertThat(hanging).isCancelled();
        await().atMost(WAIT).until(() -> upstream().hangClosed.get() == closed + 1);
    }

    /** Where handlers of the client's IOU run: see the implementations. */
    @Test
    default void handlersRunWhereTheClientBindsItsIous() {
        upstream().closeGate();
        IOU<String> thread = api().held().addFulfilledHandler(body -> Thread.currentThread().getName());
        upstream().openGate();

        assertThat(thread).succeedsWithin(WAIT).asString().startsWith(handlerThreadPrefix());
    }
}
