package io.iou.spring.http;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.ReentrantLock;

import io.iou.IOU;
import io.iou.IouContext;
import io.iou.spring.http.IouHttpException.Kind;
import io.iou.spring.metrics.IouOutcome;
import io.iou.spring.observation.IouObservation;
import io.iou.spring.scheduler.IouScheduler;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Submits HTTP requests as tasks and answers each with an IOU of the response, without blocking:
 * the original Python IOU library's {@code HTTPReactor}, on Spring WebFlux's {@link WebClient}.
 * <pre>{@code
 * reactor.submitTask(new IouHttpReactorTask("http://127.0.0.1:8080/people/1"))
 *         .addFulfilledConsumer(response -> System.out.println(response.statusCode()));
 * IOU<Person> person = reactor.get("/people/1", Person.class);
 * }</pre>
 *
 * <h2>Outcomes</h2>
 * An IOU from {@link #submitTask} is fulfilled with the complete response, whatever its status,
 * unless the task {@linkplain IouHttpReactorTask#withExpectSuccess(boolean) expects success}. Every
 * failure rejects it with an {@link IouHttpException} whose {@link IouHttpException#kind() kind}
 * says what went wrong. Cancelling the IOU (or an IOU derived from it) cancels the exchange: the
 * connection is closed, so the server sees the client go away.
 *
 * <h2>Threading</h2>
 * The IOUs are made by the {@link IouScheduler}, so handlers run on its pool, never on a Netty
 * event-loop thread: a blocking handler cannot stall I/O.
 *
 * <h2>Limits</h2>
 * At most {@link Settings#maxInFlight()} requests are in flight at once; further tasks wait in a
 * queue of at most {@link Settings#maxQueued()} and are rejected with
 * {@link Kind#QUEUE_FULL} past it. A slot is freed whenever an exchange ends, however it ends.
 * Response bodies are read into memory up to {@link Settings#maxResponseSize()} bytes. Connect and
 * response timeouts belong to the {@code WebClient}'s connector (the Boot auto-configuration sets
 * them from {@code iou.http.*}); a task can add a timeout of its own.
 *
 * <h2>Observation and context</h2>
 * Each task is observed as {@value #OBSERVATION} (tags {@code method} and {@code outcome}), from
 * submission until its IOU settles, so the time a task waited for a slot counts too. With Micrometer
 * Tracing that is a span whose parent is the span current where the task was submitted, and the
 * {@code WebClient}'s own observation of the exchange is its child, so the request carries the trace
 * headers upstream (with the reactor's observation switched off, the submitter's span is the parent).
 * A queued task starts with the context of the thread that submitted it.
 *
 * <p>{@link #close()} rejects the tasks still queued with {@link Kind#CLOSED} and refuses new
 * ones; requests in flight finish.
 */
public class IouHttpReactor implements AutoCloseable {

    /** The name of the observation of a task, and so of its timer. */
    public static final String OBSERVATION = "iou.http.task";

    private static final byte[] NO_BODY = {};

    /** Reads the observation current on a thread, whatever registry opened it (they share one thread-local). */
    private static final ObservationRegistry CURRENT = ObservationRegistry.create();

    private final WebClient webClient;

    private final IouScheduler scheduler;

    private final Settings settings;

    private final ObservationRegistry observationRegistry;

    private final ReentrantLock lock = new ReentrantLock();

    /** Tasks waiting for a slot, oldest first; guarded by {@link #lock}. */
    private final ArrayDeque<Exchange> queue = new ArrayDeque<>();

    /** Slots taken; guarded by {@link #lock}. */
    private int inFlight;

    /** Guarded by {@link #lock}. */
    private boolean closed;

    /** Work-in-progress counter that lets one thread at a time start queued tasks, in a loop. */
    private final AtomicInteger drainClaims = new AtomicInteger();

    /**
     * Creates a reactor with {@linkplain Settings#defaults() default settings}.
     *
     * @param webClientBuilder the builder to clone the reactor's {@code WebClient} from
     * @param scheduler makes the IOUs, so that their handlers run on its pool
     */
    public IouHttpReactor(WebClient.Builder webClientBuilder, IouScheduler scheduler) {
        this(webClientBuilder, scheduler, Settings.defaults());
    }

    /**
     * Creates a reactor. The builder is cloned, not changed; the clone's codecs get an in-memory
     * limit of {@link Settings#maxResponseSize()}, so that any body the reactor accepts can also be
     * decoded.
     *
     * @param webClientBuilder the builder to clone the reactor's {@code WebClient} from
     * @param scheduler makes the IOUs, so that their handlers run on its pool
     * @param settings base URL and limits
     */
    public IouHttpReactor(WebClient.Builder webClientBuilder, IouScheduler scheduler, Settings settings) {
        this(webClientBuilder, scheduler, settings, ObservationRegistry.NOOP);
    }

    /**
     * Creates a reactor whose tasks are observed; see {@link #IouHttpReactor(WebClient.Builder,
     * IouScheduler, Settings)}.
     *
     * @param webClientBuilder the builder to clone the reactor's {@code WebClient} from
     * @param scheduler makes the IOUs, so that their handlers run on its pool
     * @param settings base URL and limits
     * @param observationRegistry where each task is observed as {@value #OBSERVATION}
     */
    public IouHttpReactor(WebClient.Builder webClientBuilder, IouScheduler scheduler, Settings settings,
            ObservationRegistry observationRegistry) {
        Objects.requireNonNull(webClientBuilder, "webClientBuilder");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
        this.webClient = webClientBuilder.clone()
            .codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(settings.maxResponseSize()))
            .build();
    }

    /**
     * Submits a request. Returns at once with a pending IOU (or one already rejected with
     * {@link Kind#QUEUE_FULL} or {@link Kind#CLOSED}).
     *
     * @param task the request
     * @return an IOU of the complete response, bound to the scheduler
     * @throws IllegalArgumentException if the task's URI is relative and there is no base URL
     */
    public IOU<IouHttpResponse> submitTask(IouHttpReactorTask task) {
        Objects.requireNonNull(task, "task");
        URI uri = resolve(task.uri());
        IOU<IouHttpResponse> iou = this.scheduler.newIou();
        Exchange exchange = new Exchange(this, task, uri, iou, observe(task, uri));
        iou.onCancel(exchange::abandon);
        boolean start = false;
        String refusal = null;
        Kind refusalKind = null;
        this.lock.lock();
        try {
            if (this.closed) {
                refusalKind = Kind.CLOSED;
                refusal = Kind.CLOSED.description();
            }
            else if (this.inFlight < this.settings.maxInFlight() && this.queue.isEmpty()) {
                this.inFlight++;
                exchange.permit = Exchange.HOLDS_PERMIT;
                start = true;
            }
            // Capacity is counted as a whole: a slot that was just freed but not yet handed on
            // still takes a queued task.
            else if (this.inFlight + this.queue.size() < this.settings.maxInFlight() + this.settings.maxQueued()) {
                exchange.queuedStart = IouContext.wrap(exchange::start);
                this.queue.add(exchange);
            }
            else {
                refusalKind = Kind.QUEUE_FULL;
                refusal = "queue full (" + this.settings.maxQueued() + " tasks already wait for one of "
                        + this.settings.maxInFlight() + " in-flight slots)";
            }
        }
        finally {
            this.lock.unlock();
        }
        if (refusalKind != null) {
            exchange.reject(new IouHttpException(refusalKind, task.method(), uri, refusal, null));
        }
        else if (start) {
            exchange.start();
        }
        return iou;
    }

    /**
     * GETs {@code uri} and decodes a 2xx body to {@code type} with the application's codecs.
     *
     * @param uri an absolute http(s) URI, or one relative to the base URL
     * @param type the body's type
     * @param <T> the body's type
     * @return an IOU of the decoded body (null for an empty body); rejected with an
     * {@link IouHttpStatusException} for a non-2xx status, or with an {@link IouHttpException} of
     * kind {@link Kind#UNDECODABLE_BODY} if the body cannot be decoded
     */
    public <T> IOU<@Nullable T> get(String uri, Class<T> type) {
        Objects.requireNonNull(type, "type");
        return submitTask(new IouHttpReactorTask(uri).withExpectSuccess(true))
            .addFulfilledHandler((response) -> response.bodyAs(type));
    }

    /**
     * GETs {@code uri} and decodes a 2xx body to a generic type, such as {@code List<Person>}.
     *
     * @param uri an absolute http(s) URI, or one relative to the base URL
     * @param type the body's type
     * @param <T> the body's type
     * @return an IOU of the decoded body (null for an empty body); rejected as {@link #get(String, Class)}
     */
    public <T> IOU<@Nullable T> get(String uri, ParameterizedTypeReference<T> type) {
        Objects.requireNonNull(type, "type");
        return submitTask(new IouHttpReactorTask(uri).withExpectSuccess(true))
            .addFulfilledHandler((response) -> response.bodyAs(type));
    }

    /**
     * Returns the number of requests in flight.
     *
     * @return the slots taken, at most {@link Settings#maxInFlight()}
     */
    public int inFlight() {
        this.lock.lock();
        try {
            return this.inFlight;
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Returns the number of tasks waiting for a slot.
     *
     * @return the queue's length
     */
    public int queued() {
        this.lock.lock();
        try {
            return this.queue.size();
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Returns the settings.
     *
     * @return base URL and limits
     */
    public Settings settings() {
        return this.settings;
    }

    /**
     * Rejects every queued task with {@link Kind#CLOSED} and refuses new tasks the same way.
     * Requests in flight are left to finish. Calling it again does nothing.
     */
    @Override
    public void close() {
        List<Exchange> abandoned;
        this.lock.lock();
        try {
            if (this.closed) {
                return;
            }
            this.closed = true;
            abandoned = new ArrayList<>(this.queue);
            this.queue.clear();
        }
        finally {
            this.lock.unlock();
        }
        for (Exchange exchange : abandoned) {
            exchange.reject(new IouHttpException(Kind.CLOSED, exchange.task.method(), exchange.uri, null));
        }
    }

    @Override
    public String toString() {
        return "IouHttpReactor[" + this.settings + "]";
    }

    /** Starts the observation of a task, its parent the observation current on this thread. */
    private IouObservation observe(IouHttpReactorTask task, URI uri) {
        if (this.observationRegistry.isNoop()) {
            return IouObservation.NOOP;
        }
        String method = task.method().name();
        return IouObservation.start(this.observationRegistry, OBSERVATION, "iou.http " + method,
                KeyValues.of("method", method),
                KeyValues.of("iou.http.request", IouHttpException.describe(task.method(), uri)), null);
    }

    private URI resolve(URI uri) {
        if (uri.isAbsolute()) {
            return uri;
        }
        URI baseUrl = this.settings.baseUrl();
        if (baseUrl == null) {
            throw new IllegalArgumentException("Task URI '" + uri
                    + "' is relative but the reactor has no base URL (set iou.http.base-url)");
        }
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        // Appended, not resolved by RFC 3986, as WebClient's baseUrl does: "http://h/api" + "people"
        // is "http://h/api/people", not "http://h/people".
        String relative = uri.toString();
        if (relative.isEmpty() || relative.startsWith("/") || relative.startsWith("?")) {
            return URI.create(base + relative);
        }
        return URI.create(base + "/" + relative);
    }

    private Mono<IouHttpResponse> exchange(IouHttpReactorTask task, URI uri) {
        WebClient.RequestBodySpec request = this.webClient.method(task.method()).uri(uri);
        if (!task.headers().isEmpty()) {
            request.headers((headers) -> headers.addAll(task.headers()));
        }
        Object body = task.body();
        WebClient.RequestHeadersSpec<?> spec = (body != null) ? request.bodyValue(body) : request;
        Mono<IouHttpResponse> exchange = spec.exchangeToMono((response) -> read(task.method(), uri, response));
        Duration timeout = task.timeout();
        if (timeout == null) {
            return exchange;
        }
        return exchange.timeout(timeout, Mono.error(() -> new IouHttpException(Kind.RESPONSE_TIMEOUT, task.method(),
                uri, "response timed out: the exchange took longer than the task's timeout of " + timeout, null)));
    }

    private Mono<IouHttpResponse> read(HttpMethod method, URI uri, ClientResponse response) {
        return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), this.settings.maxResponseSize())
            .map(IouHttpReactor::toBytes)
            .defaultIfEmpty(NO_BODY)
            .map((body) -> new IouHttpResponse(method, uri, response.statusCode(), response.headers().asHttpHeaders(),
                    body, response.strategies().messageReaders()));
    }

    private static byte[] toBytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        }
        finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** Frees a slot and hands it to the oldest queued task, if any. */
    private void release() {
        boolean waiting;
        this.lock.lock();
        try {
            this.inFlight--;
            waiting = !this.queue.isEmpty();
        }
        finally {
            this.lock.unlock();
        }
        if (waiting) {
            drain();
        }
    }

    /**
     * Starts queued tasks while slots are free. One thread drains at a time and loops while others
     * ask it to, so a task that fails as it starts (and frees its slot at once) cannot recurse.
     */
    private void drain() {
        if (this.drainClaims.getAndIncrement() != 0) {
            return;
        }
        int claims = 1;
        do {
            Exchange next;
            while ((next = nextQueued()) != null) {
                Runnable start = next.queuedStart;
                (start != null ? start : (Runnable) next::start).run();
            }
            claims = this.drainClaims.addAndGet(-claims);
        }
        while (claims != 0);
    }

    private @Nullable Exchange nextQueued() {
        this.lock.lock();
        try {
            if (this.inFlight >= this.settings.maxInFlight()) {
                return null;
            }
            Exchange next = this.queue.poll();
            if (next != null) {
                this.inFlight++;
                next.permit = Exchange.HOLDS_PERMIT;
            }
            return next;
        }
        finally {
            this.lock.unlock();
        }
    }

    private boolean dequeue(Exchange exchange) {
        this.lock.lock();
        try {
            return this.queue.remove(exchange);
        }
        finally {
            this.lock.unlock();
        }
    }

    /** Translates what the exchange failed with into the typed exception the IOU is rejected with. */
    private IouHttpException failure(HttpMethod method, URI uri, Throwable error) {
        if (error instanceof IouHttpException known) {
            return known;
        }
        for (Throwable cause = error; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
            Kind kind = kindOf(cause);
            if (kind == Kind.RESPONSE_TOO_LARGE) {
                return new IouHttpException(kind, method, uri,
                        "response body larger than " + this.settings.maxResponseSize() + " bytes", error);
            }
            if (kind != null) {
                return new IouHttpException(kind, method, uri, error);
            }
        }
        return new IouHttpException(Kind.OTHER, method, uri, error);
    }

    private static @Nullable Kind kindOf(Throwable failure) {
        // Netty and Reactor Netty types by name: the reactor also runs on other connectors.
        String type = failure.getClass().getName();
        if (type.equals("io.netty.channel.ConnectTimeoutException") || failure instanceof HttpConnectTimeoutException) {
            return Kind.CONNECT_TIMEOUT;
        }
        if (failure instanceof UnknownHostException) {
            return Kind.UNKNOWN_HOST;
        }
        if (failure instanceof ConnectException) {
            return Kind.CONNECTION_REFUSED;
        }
        if (failure instanceof TimeoutException || failure instanceof HttpTimeoutException
                || type.equals("io.netty.handler.timeout.ReadTimeoutException")) {
            return Kind.RESPONSE_TIMEOUT;
        }
        if (failure instanceof DataBufferLimitException) {
            return Kind.RESPONSE_TOO_LARGE;
        }
        if (type.equals("reactor.netty.http.client.PrematureCloseException")
                || type.equals("reactor.netty.channel.AbortedException") || failure instanceof SocketException
                || isResetByPeer(failure)) {
            return Kind.CONNECTION_RESET;
        }
        return null;
    }

    private static boolean isResetByPeer(Throwable failure) {
        // Netty's native transports report a reset as a plain IOException (Errors.NativeIoException).
        String message = failure.getMessage();
        return failure instanceof java.io.IOException && message != null
                && message.toLowerCase(Locale.ROOT).contains("connection reset");
    }

    /**
     * One task's trip through the reactor: queued, then started with a slot, then settled. It is
     * the subscriber of the exchange, so cancelling it cancels the request.
     */
    private static final class Exchange extends BaseSubscriber<IouHttpResponse> {

        static final int NO_PERMIT = 0;

        static final int HOLDS_PERMIT = 1;

        static final int RELEASED = 2;

        private static final AtomicIntegerFieldUpdater<Exchange> PERMIT = AtomicIntegerFieldUpdater
            .newUpdater(Exchange.class, "permit");

        final IouHttpReactor reactor;

        final IouHttpReactorTask task;

        final URI uri;

        final IOU<IouHttpResponse> iou;

        /** The task's observation; the parent of the {@code WebClient}'s. */
        private final IouObservation observation;

        /** The parent of the {@code WebClient}'s observation: the task's, or else the submitter's. */
        private final @Nullable Observation parent;

        /** Starts a queued task with the context of the thread that submitted it; set when queued. */
        @Nullable Runnable queuedStart;

        /** Whether this exchange holds a slot: moves NO_PERMIT, HOLDS_PERMIT, RELEASED, once each. */
        volatile int permit = NO_PERMIT;

        Exchange(IouHttpReactor reactor, IouHttpReactorTask task, URI uri, IOU<IouHttpResponse> iou,
                IouObservation observation) {
            this.reactor = reactor;
            this.task = task;
            this.uri = uri;
            this.iou = iou;
            this.observation = observation;
            this.parent = observation.observation().isNoop() ? CURRENT.getCurrentObservation()
                    : observation.observation();
        }

        /** Called with a slot held. */
        void start() {
            if (!this.iou.isPending()) {
                // cancelled (observed as such already), or settled by its holder, while it waited
                this.observation.stop(this.iou.isFulfilled() ? IouOutcome.FULFILLED : IouOutcome.REJECTED, null);
                releasePermit();
                return;
            }
            Mono<IouHttpResponse> exchange;
            try {
                exchange = this.reactor.exchange(this.task, this.uri);
            }
            catch (RuntimeException ex) {
                reject(this.reactor.failure(this.task.method(), this.uri, ex));
                releasePermit();
                return;
            }
            Observation parent = this.parent;
            if (parent == null) {
                exchange.subscribe(this);
                return;
            }
            // WebClient takes the parent of its observation from the subscriber's context, and the tracer
            // prefers the span current on the subscribing thread to that parent's: both must be the task's
            try (Observation.Scope scope = parent.openScope()) {
                exchange.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, parent)).subscribe(this);
            }
        }

        /** The IOU was cancelled: leave the queue, or cancel the request in flight. */
        void abandon() {
            // a timeout rejects with a TimeoutException, any other cancellation with a CancellationException
            this.observation.stop(this.iou.isCancelled() ? IouOutcome.CANCELLED : IouOutcome.TIMED_OUT, null);
            if (!this.reactor.dequeue(this)) {
                // Before the subscription exists this marks the subscriber cancelled, and the
                // subscription is cancelled the moment it arrives; either way hookFinally runs.
                dispose();
            }
        }

        void reject(Throwable failure) {
            this.iou.reject(failure);
            this.observation.stop(IouOutcome.REJECTED, failure);
        }

        @Override
        protected void hookOnNext(IouHttpResponse response) {
            if (this.task.expectSuccess() && !response.isSuccessful()) {
                reject(new IouHttpStatusException(response));
            }
            else {
                this.iou.fulfill(response);
                this.observation.stop(IouOutcome.FULFILLED, null);
            }
        }

        @Override
        protected void hookOnError(Throwable error) {
            reject(this.reactor.failure(this.task.method(), this.uri, error));
        }

        @Override
        protected void hookFinally(SignalType type) {
            releasePermit();
        }

        private void releasePermit() {
            if (PERMIT.compareAndSet(this, HOLDS_PERMIT, RELEASED)) {
                this.reactor.release();
            }
        }
    }

    /**
     * What a reactor is configured with.
     *
     * @param baseUrl the absolute http(s) URL that relative task URIs are appended to, or null
     * @param maxInFlight the most requests in flight at once; at least 1
     * @param maxQueued the most tasks waiting for a slot; 0 rejects every task that finds no free slot
     * @param maxResponseSize the largest response body read into memory, in bytes; at least 1
     */
    public record Settings(@Nullable URI baseUrl, int maxInFlight, int maxQueued, int maxResponseSize) {

        /** Default of {@link #maxInFlight()}. */
        public static final int DEFAULT_MAX_IN_FLIGHT = 256;

        /** Default of {@link #maxQueued()}. */
        public static final int DEFAULT_MAX_QUEUED = 1024;

        /** Default of {@link #maxResponseSize()}: 1 MiB. */
        public static final int DEFAULT_MAX_RESPONSE_SIZE = 1024 * 1024;

        /**
         * Checks the settings.
         *
         * @param baseUrl the absolute http(s) URL that relative task URIs are appended to, or null
         * @param maxInFlight the most requests in flight at once; at least 1
         * @param maxQueued the most tasks waiting for a slot; 0 rejects every task that finds no free slot
         * @param maxResponseSize the largest response body read into memory, in bytes; at least 1
         * @throws IllegalArgumentException naming the first setting that is out of range
         */
        public Settings {
            if (baseUrl != null) {
                checkBaseUrl(baseUrl);
            }
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("maxInFlight must be at least 1 but was " + maxInFlight);
            }
            if (maxQueued < 0) {
                throw new IllegalArgumentException("maxQueued must not be negative but was " + maxQueued);
            }
            if (maxResponseSize < 1) {
                throw new IllegalArgumentException("maxResponseSize must be at least 1 byte but was " + maxResponseSize);
            }
        }

        /**
         * Returns the defaults: no base URL, 256 in flight, 1024 queued, 1 MiB bodies.
         *
         * @return the default settings
         */
        public static Settings defaults() {
            return new Settings(null, DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_QUEUED, DEFAULT_MAX_RESPONSE_SIZE);
        }

        /**
         * Returns a copy with another base URL.
         *
         * @param baseUrl an absolute http(s) URL without query or fragment, or null for none
         * @return the changed copy
         * @throws IllegalArgumentException if {@code baseUrl} is not such a URL
         */
        public Settings withBaseUrl(@Nullable String baseUrl) {
            return new Settings((baseUrl != null) ? parseBaseUrl(baseUrl) : null, this.maxInFlight, this.maxQueued,
                    this.maxResponseSize);
        }

        /**
         * Returns a copy with another in-flight limit.
         *
         * @param maxInFlight at least 1
         * @return the changed copy
         */
        public Settings withMaxInFlight(int maxInFlight) {
            return new Settings(this.baseUrl, maxInFlight, this.maxQueued, this.maxResponseSize);
        }

        /**
         * Returns a copy with another queue limit.
         *
         * @param maxQueued at least 0
         * @return the changed copy
         */
        public Settings withMaxQueued(int maxQueued) {
            return new Settings(this.baseUrl, this.maxInFlight, maxQueued, this.maxResponseSize);
        }

        /**
         * Returns a copy with another body size limit.
         *
         * @param maxResponseSize in bytes, at least 1
         * @return the changed copy
         */
        public Settings withMaxResponseSize(int maxResponseSize) {
            return new Settings(this.baseUrl, this.maxInFlight, this.maxQueued, maxResponseSize);
        }

        private static URI parseBaseUrl(String baseUrl) {
            try {
                return new URI(baseUrl);
            }
            catch (java.net.URISyntaxException ex) {
                throw new IllegalArgumentException("Invalid base URL '" + baseUrl + "': " + ex.getReason(), ex);
            }
        }

        private static void checkBaseUrl(URI baseUrl) {
            String scheme = baseUrl.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || baseUrl.getHost() == null) {
                throw new IllegalArgumentException(
                        "Base URL must be an absolute http or https URL with a host but was '" + baseUrl + "'");
            }
            if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
                throw new IllegalArgumentException("Base URL must not have a query or fragment but was '" + baseUrl + "'");
            }
        }
    }
}
