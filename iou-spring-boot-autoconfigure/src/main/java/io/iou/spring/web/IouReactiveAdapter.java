package io.iou.spring.web;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Mono;

import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.ReactiveTypeDescriptor;
import org.springframework.util.ClassUtils;

import io.iou.IOU;

/**
 * Adapts {@link IOU} to and from a Reactive Streams {@link Publisher} for Spring's reactive type
 * support, which is how controllers may return {@code IOU<T>}.
 *
 * <p>An IOU is described as {@linkplain ReactiveTypeDescriptor#nonDeferredAsyncValue a non-deferred
 * async value}, like {@code CompletableFuture}: at most one value, and the work is already under way
 * when the IOU exists, not started by subscribing. An IOU fulfilled with {@code null} is published as
 * an empty publisher, as an empty {@code Mono} is.
 *
 * <p>{@link #registerWith} adds an adapter to a registry. {@link #registerWithSharedInstance()} is
 * the one call a plain Spring application makes (the starter makes it at startup) so that everything
 * reading {@link ReactiveAdapterRegistry#getSharedInstance()} accepts IOU as it accepts
 * {@code CompletableFuture}: HTTP interface clients, Spring MVC controllers, messaging handlers.
 */
public final class IouReactiveAdapter extends ReactiveAdapter {

    /** How Spring sees an IOU: a single optional value, eager like {@code CompletableFuture}. */
    public static final ReactiveTypeDescriptor DESCRIPTOR =
            ReactiveTypeDescriptor.nonDeferredAsyncValue(IOU.class, () -> IOU.fulfilled(null));

    private static final boolean REACTOR_PRESENT =
            ClassUtils.isPresent("reactor.core.publisher.Mono", IouReactiveAdapter.class.getClassLoader());

    private final @Nullable IouResponseTimeout timeout;

    /** Publishes IOUs with no timeout and makes unbound IOUs from publishers. */
    public IouReactiveAdapter() {
        this(null, IOU::new);
    }

    /**
     * Publishes IOUs as {@link IouPublisher}s with {@code timeout}, and makes IOUs from publishers
     * with {@code newIou}.
     *
     * @param timeout how long a publisher waits for its IOU, or {@code null} for as long as it takes
     * @param newIou makes the pending IOU a publisher settles; bind it to the IOU scheduler so that
     * handlers added to it do not run on the thread the publisher signals on
     * @throws NullPointerException if {@code newIou} is null
     */
    public IouReactiveAdapter(@Nullable IouResponseTimeout timeout, Supplier<? extends IOU<?>> newIou) {
        super(DESCRIPTOR, iou -> new IouPublisher<>((IOU<?>) iou, timeout),
                fromPublisher(Objects.requireNonNull(newIou, "newIou")));
        this.timeout = timeout;
    }

    /**
     * Registers an adapter with no timeout, making unbound IOUs, in
     * {@link ReactiveAdapterRegistry#getSharedInstance() the shared registry}, unless it already
     * adapts IOU. Registering early (before HTTP service proxies are created) matters: Spring reads
     * the registry when it creates them.
     *
     * @return true if this call registered the adapter, false if the registry already adapted IOU
     */
    public static boolean registerWithSharedInstance() {
        return new IouReactiveAdapter().registerWith(ReactiveAdapterRegistry.getSharedInstance());
    }

    /**
     * Registers this adapter for {@link IOU} and its subclasses in {@code registry}, unless the
     * registry already adapts IOU: the first registration stays, so registering twice, or from two
     * application contexts sharing one registry, changes nothing.
     *
     * @param registry where to register
     * @return true if this call registered the adapter, false if the registry already adapted IOU
     * @throws NullPointerException if {@code registry} is null
     */
    public boolean registerWith(ReactiveAdapterRegistry registry) {
        return register(this, registry);
    }

    /**
     * Registers {@code iouAdapter}, an adapter of {@link IOU} such as this class or one that wraps
     * it, in {@code registry}, unless the registry already adapts IOU (see {@link #registerWith}).
     *
     * @param iouAdapter the adapter to register
     * @param registry where to register
     * @return true if this call registered the adapter, false if the registry already adapted IOU
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code iouAdapter} does not adapt IOU
     */
    public static boolean register(ReactiveAdapter iouAdapter, ReactiveAdapterRegistry registry) {
        Objects.requireNonNull(iouAdapter, "iouAdapter");
        Objects.requireNonNull(registry, "registry");
        if (iouAdapter.getReactiveType() != IOU.class) {
            throw new IllegalArgumentException("iouAdapter must adapt " + IOU.class.getName() + " but adapts "
                    + iouAdapter.getReactiveType().getName());
        }
        // a registry is not thread-safe: this lock at least keeps two registrations of ours apart
        synchronized (IouReactiveAdapter.class) {
            if (registry.getAdapter(IOU.class) != null) {
                return false;
            }
            registry.registerReactiveType(iouAdapter.getDescriptor(), iouAdapter::toPublisher,
                    iouAdapter::fromPublisher);
            return true;
        }
    }

    /**
     * Returns how long publishers wait for their IOU.
     *
     * @return the timeout, or {@code null} if they wait as long as it takes
     */
    public @Nullable IouResponseTimeout getTimeout() {
        return timeout;
    }

    /**
     * Returns the IOU's {@link IouPublisher}, as a {@code Mono} where Reactor is present: Spring's
     * encoders write a {@code Mono} as a single value and any other publisher as a stream (a JSON
     * array), which is why Spring's own registry wraps its adapters the same way.
     */
    @Override
    public <T> Publisher<T> toPublisher(@Nullable Object source) {
        Publisher<T> publisher = super.toPublisher(source);
        return REACTOR_PRESENT ? ReactorMono.of(publisher) : publisher;
    }

    @SuppressWarnings("unchecked")
    private static Function<Publisher<?>, Object> fromPublisher(Supplier<? extends IOU<?>> newIou) {
        return publisher -> {
            IOU<Object> iou = (IOU<Object>) newIou.get();
            ((Publisher<Object>) publisher).subscribe(new SettlingSubscriber(iou));
            return iou;
        };
    }

    /** Kept apart so that Reactor is only loaded where it is present. */
    static final class ReactorMono {

        private ReactorMono() {
        }

        static <T> Publisher<T> of(Publisher<T> publisher) {
            // fromDirect: the publisher is known to signal at most one value, so no guarding operator
            return Mono.fromDirect(publisher);
        }
    }

    /**
     * Settles an IOU with the first element of a publisher (or {@code null} if it completes empty),
     * or with its error, as {@code Mono.from} does; cancelling the IOU cancels the subscription.
     */
    static final class SettlingSubscriber implements Subscriber<Object> {

        private final IOU<Object> iou;

        private final AtomicReference<Subscription> subscription = new AtomicReference<>();

        SettlingSubscriber(IOU<Object> iou) {
            this.iou = iou;
        }

        @Override
        public void onSubscribe(Subscription s) {
            if (!subscription.compareAndSet(null, s)) {
                s.cancel(); // rule 2.5: a second subscription is refused
                return;
            }
            iou.onCancel(s::cancel);
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Object value) {
            if (iou.fulfill(value)) {
                subscription.get().cancel(); // one value is all an IOU holds
            }
        }

        @Override
        public void onError(Throwable failure) {
            if (!iou.reject(failure) && iou.isFulfilled()) {
                // an error after the value has no IOU left to reject: one of its own, which nobody
                // handles, hands it to the unhandled-rejection hook instead of dropping it
                IOU.rejected(failure);
            }
        }

        @Override
        public void onComplete() {
            iou.fulfill(null);
        }
    }
}
