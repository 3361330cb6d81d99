package io.iou.spring.reactor;

import java.util.Objects;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import io.iou.IOU;
import io.iou.spring.web.IouPublisher;
import io.iou.spring.web.IouReactiveAdapter;

/**
 * Converts between IOUs and Reactor, with cancellation carried both ways. These are the conversions
 * Spring applies through the {@code ReactiveAdapterRegistry}, for code that calls Reactor APIs
 * itself.
 *
 * <pre>{@code
 * Mono<Person> person = IouMono.from(people.find("ada")).timeout(Duration.ofSeconds(2));
 * IOU<Person> again = IouMono.toIou(webClient.get().uri("/people/ada").retrieve().bodyToMono(Person.class));
 * }</pre>
 */
public final class IouMono {

    private static final IouReactiveAdapter ADAPTER = new IouReactiveAdapter();

    private IouMono() {
    }

    /**
     * Returns a {@code Mono} of the IOU's outcome: its value (none for {@code null}) or its rejection
     * as an error, signalled on the thread that settles the IOU. The IOU is already at work, so every
     * subscriber sees the same outcome. A subscriber wants the IOU's outcome, as a handler's IOU
     * does (see {@link IOU#cancel()}): cancelling its subscription (an operator such as
     * {@code timeout} or {@code take} does) withdraws that interest, which cancels the IOU unless
     * another dependent still wants it.
     *
     * @param iou the IOU
     * @param <T> the value type
     * @return a {@code Mono} of the IOU's outcome
     * @throws NullPointerException if {@code iou} is null
     */
    public static <T> Mono<T> from(IOU<T> iou) {
        // fromDirect: the publisher signals at most one value, so no guarding operator is needed
        return Mono.fromDirect(new IouPublisher<>(Objects.requireNonNull(iou, "iou")));
    }

    /**
     * Subscribes to {@code publisher} now and returns an IOU of its first value (the rest are
     * cancelled, as {@code Mono.from} does), of {@code null} if it completes empty, or rejected with
     * its error. Cancelling the IOU, or withdrawing the last interest in it, cancels the subscription.
     * The IOU runs its handlers on the thread the publisher signals on.
     *
     * @param publisher the publisher, such as a {@code Mono}
     * @param <T> the value type
     * @return an IOU of the publisher's first value
     * @throws NullPointerException if {@code publisher} is null
     */
    @SuppressWarnings("unchecked")
    public static <T> IOU<@Nullable T> toIou(Publisher<? extends T> publisher) {
        return (IOU<@Nullable T>) ADAPTER.fromPublisher(Objects.requireNonNull(publisher, "publisher"));
    }

    /**
     * As {@link #toIou(Publisher)}, with the IOU's handlers, and those of IOUs derived from it, run
     * on {@code executor} rather than on the thread the publisher signals on (for a WebClient, an
     * event loop that must not block).
     *
     * @param publisher the publisher
     * @param executor where handlers run, such as {@code IouScheduler.executor()}
     * @param <T> the value type
     * @return an IOU of the publisher's first value, bound to {@code executor}
     * @throws NullPointerException if an argument is null
     */
    public static <T> IOU<@Nullable T> toIou(Publisher<? extends T> publisher, Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return IouMono.<T>toIou(publisher).withExecutor(executor);
    }
}
