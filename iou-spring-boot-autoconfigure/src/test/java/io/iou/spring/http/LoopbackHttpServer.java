package io.iou.spring.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * A real HTTP server on 127.0.0.1 and a free port, for the reactor's tests. Its routes play the
 * server side of each behaviour under test; its counters let tests observe what the server saw.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    /** Body of /person. */
    public static final String PERSON_JSON = "{\"name\":\"Ada\",\"age\":36}";

    /** Body of /people. */
    public static final String PEOPLE_JSON = "[{\"name\":\"Ada\",\"age\":36},{\"name\":\"Alan\",\"age\":41}]";

    /** Requests to /hang that have arrived. */
    public final AtomicInteger hangArrived = new AtomicInteger();

    /** Connections of /hang requests that have closed. */
    public final AtomicInteger hangClosed = new AtomicInteger();

    /** Requests to /held that have arrived, answered or not. */
    public final AtomicInteger heldArrived = new AtomicInteger();

    /** Requests to /held that have arrived and not been answered yet. */
    final AtomicInteger heldNow = new AtomicInteger();

    /** The most requests to /held that were unanswered at once. */
    final AtomicInteger heldMax = new AtomicInteger();

    private volatile Sinks.Empty<Void> gate = Sinks.empty();

    /** Event loops of its own: a Spring context that closes disposes Reactor Netty's global ones. */
    private final LoopResources loops = LoopResources.create("loopback-server", 2, true);

    private final DisposableServer server;

    private LoopbackHttpServer() {
        this.server = KeepAliveReadResumer.on(HttpServer.create())
            .runOn(this.loops)
            .host("127.0.0.1")
            .port(0)
            .route((routes) -> routes
                .get("/status/{code}", (request, response) -> {
                    int code = Integer.parseInt(request.param("code"));
                    response.status(code).header("X-Status", String.valueOf(code));
                    return (code == 204 || code == 304) ? response.send() : text(response, "status " + code);
                })
                .get("/person", (request, response) -> json(response, PERSON_JSON))
                .get("/people", (request, response) -> json(response, PEOPLE_JSON))
                .get("/not-json", (request, response) -> json(response, "{\"name\": oops"))
                .get("/latin1", (request, response) -> response
                    .header(HttpHeaderNames.CONTENT_TYPE, "text/plain;charset=ISO-8859-1")
                    .sendByteArray(Mono.just("café".getBytes(StandardCharsets.ISO_8859_1))))
                .get("/bytes/{count}", (request, response) -> response
                    .header(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
                    .sendByteArray(Mono.just(new byte[Integer.parseInt(request.param("count"))])))
                .get("/header/{name}", (request, response) -> text(response,
                        String.valueOf(request.requestHeaders().get(request.param("name")))))
                .route((request) -> request.uri().startsWith("/echo"), (request, response) -> {
                    String contentType = request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE, "text/plain");
                    return response.header(HttpHeaderNames.CONTENT_TYPE, contentType)
                        .header("X-Method", request.method().name())
                        .header("X-Echo", String.valueOf(request.requestHeaders().get("X-Echo")))
                        .send(request.receive().aggregate().retain().defaultIfEmpty(Unpooled.EMPTY_BUFFER));
                })
                .get("/hang", (request, response) -> {
                    request.withConnection((connection) -> connection.onDispose(this.hangClosed::incrementAndGet));
                    this.hangArrived.incrementAndGet();
                    return Mono.never();
                })
                .get("/reset", (request, response) -> response.header(HttpHeaderNames.CONTENT_TYPE, "text/plain")
                    .sendString(Flux.concat(Mono.just("the first part of the body"),
                            Mono.error(new IllegalStateException("the server gives up mid-body")))))
                .get("/held", (request, response) -> {
                    this.heldArrived.incrementAndGet();
                    int now = this.heldNow.incrementAndGet();
                    this.heldMax.accumulateAndGet(now, Math::max);
                    // counted down before the answer is written, so the count never includes a
                    // request whose client may already have moved on
                    return this.gate.asMono().then(Mono.defer(() -> {
                        this.heldNow.decrementAndGet();
                        return text(response, "released").then();
                    }));
                }))
            .bindNow();
    }

    /**
     * Starts a server.
     *
     * @return the running server
     */
    public static LoopbackHttpServer start() {
        return new LoopbackHttpServer();
    }

    /**
     * Returns the URL of a path on this server.
     *
     * @param path the path, starting with a slash (or empty)
     * @return the absolute URL
     */
    public String url(String path) {
        return "http://127.0.0.1:" + this.server.port() + path;
    }

    /** Holds /held requests until {@link #openGate()}. */
    public void closeGate() {
        this.gate = Sinks.empty();
        this.heldNow.set(0);
        this.heldMax.set(0);
    }

    /** Answers the held /held requests and, until the next {@link #closeGate()}, all others at once. */
    public void openGate() {
        this.gate.tryEmitEmpty();
    }

    @Override
    public void close() {
        this.server.disposeNow();
        this.loops.disposeLater().block(Duration.ofSeconds(10));
    }

    private static reactor.netty.NettyOutbound text(HttpServerResponse response, String body) {
        return response.header(HttpHeaderNames.CONTENT_TYPE, "text/plain;charset=UTF-8").sendString(Mono.just(body));
    }

    private static reactor.netty.NettyOutbound json(HttpServerResponse response, String body) {
        return response.status(HttpResponseStatus.OK)
            .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
            .sendString(Mono.just(body));
    }
}
