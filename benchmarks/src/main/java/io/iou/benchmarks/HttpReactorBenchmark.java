package io.iou.benchmarks;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.iou.spring.http.IouHttpReactor;
import io.iou.spring.http.IouHttpReactorTask;
import io.iou.spring.scheduler.IouScheduler;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link IouHttpReactor#submitTask} against raw {@link WebClient} calls to the same loopback
 * Reactor Netty server, in the same run: each operation sends {@code concurrency} GETs at once and
 * waits until every response has been read whole and a completion handler has seen it. The raw
 * client reads the body as {@code ResponseEntity<byte[]>} (status, headers, body: what an
 * {@code IouHttpResponse} holds) and its handler runs on the event loop; the reactor's handler runs
 * on the IOU pool, as it always does, so the hop off the event loop is part of what is measured.
 * Throughput is operations per second (multiply by {@code concurrency} for requests per second);
 * sample time gives the latency of an operation, p99 included. {@code rawWebClientOnPool} adds to
 * the raw client the same hop to the pool, to tell the reactor's own cost from the hop's. The
 * {@code sideBySide} group runs all three at once, one thread each, for fair ratios on a machine
 * shared with other work.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar HttpReactorBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({ Mode.Throughput, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class HttpReactorBenchmark {

    private static final String BODY = "{\"name\":\"Ada\",\"age\":36,\"city\":\"London\"}";

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Requests sent at once per operation. */
    @Param({ "1", "64" })
    public int concurrency;

    private LoopResources serverLoops;

    private DisposableServer server;

    private ConnectionProvider connections;

    private LoopResources clientLoops;

    private ExecutorService iouPool;

    private Scheduler poolScheduler;

    private WebClient webClient;

    private IouHttpReactor reactor;

    private String url;

    private IouHttpReactorTask task;

    @Setup(Level.Trial)
    public void start() {
        this.serverLoops = LoopResources.create("bench-server", 1, true);
        this.server = HttpServer.create()
            .runOn(this.serverLoops)
            .host("127.0.0.1")
            .port(0)
            .route((routes) -> routes.get("/person", (request, response) -> response
                .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .sendString(Mono.just(BODY))))
            .bindNow();
        this.url = "http://127.0.0.1:" + this.server.port() + "/person";
        // One client connector for both: same event loops, same connection pool.
        this.clientLoops = LoopResources.create("bench-client", 1, true);
        this.connections = ConnectionProvider.builder("bench").maxConnections(256).build();
        WebClient.Builder builder = WebClient.builder()
            .clientConnector(new ReactorClientHttpConnector(HttpClient.create(this.connections).runOn(this.clientLoops)));
        this.webClient = builder.build();
        AtomicInteger threads = new AtomicInteger();
        this.iouPool = Executors.newFixedThreadPool(2, (runnable) -> {
            Thread thread = new Thread(runnable, "iou-bench-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.poolScheduler = Schedulers.fromExecutorService(this.iouPool);
        this.reactor = new IouHttpReactor(builder, new IouScheduler(this.iouPool));
        this.task = new IouHttpReactorTask(this.url);
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        this.reactor.close();
        this.iouPool.shutdown();
        this.iouPool.awaitTermination(10, TimeUnit.SECONDS);
        this.connections.disposeLater().block(WAIT);
        this.clientLoops.disposeLater().block(WAIT);
        this.server.disposeNow();
        this.serverLoops.disposeLater().block(WAIT);
    }

    /**
     * Raw WebClient: {@code concurrency} exchanges, each read into a {@code ResponseEntity<byte[]>}.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Benchmark
    public void rawWebClient() throws InterruptedException {
        Batch batch = new Batch(this.concurrency);
        for (int i = 0; i < this.concurrency; i++) {
            this.webClient.get().uri(this.url).retrieve().toEntity(byte[].class)
                .subscribe((entity) -> batch.done(entity.getBody().length), batch::failed);
        }
        batch.await();
    }

    /**
     * Raw WebClient whose handler runs on the same pool as the IOUs' (a {@code publishOn} hop): what
     * the reactor costs beyond moving the handler off the event loop.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Benchmark
    public void rawWebClientOnPool() throws InterruptedException {
        Batch batch = new Batch(this.concurrency);
        for (int i = 0; i < this.concurrency; i++) {
            this.webClient.get().uri(this.url).retrieve().toEntity(byte[].class)
                .publishOn(this.poolScheduler)
                .subscribe((entity) -> batch.done(entity.getBody().length), batch::failed);
        }
        batch.await();
    }

    /**
     * The reactor: {@code concurrency} tasks, each an IOU of the whole response, consumed on the
     * IOU pool.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Benchmark
    public void iouSubmitTask() throws InterruptedException {
        Batch batch = new Batch(this.concurrency);
        for (int i = 0; i < this.concurrency; i++) {
            // One handler, as an application would add: a failed request shows up as a batch that
            // never completes (and as an unhandled rejection), not as a second handler per request.
            this.reactor.submitTask(this.task).addFulfilledConsumer((response) -> batch.done(response.bodyAsBytes().length));
        }
        batch.await();
    }

    /**
     * {@link #rawWebClient()} in a thread of the side-by-side group: the three run at the same time,
     * against the same server and client, so that a machine whose load changes during the run
     * weighs on all alike.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Benchmark
    @Group("sideBySide")
    @GroupThreads(1)
    public void sideBySideRawWebClient() throws InterruptedException {
        rawWebClient();
    }

    /**
     * {@link #rawWebClientOnPool()} in a thread of the side-by-side group.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Benchmark
    @Group("sideBySide")
    @GroupThreads(1)
    public void sideBySideRawWebClientOnPool() throws InterruptedException {
        rawWebClientOnPool();
    }

    /**
     * {@link #iouSubmitTask()} in a thread of the side-by-side group.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    @Benchmark
    @Group("sideBySide")
    @GroupThreads(1)
    public void sideBySideIouSubmitTask() throws InterruptedException {
        iouSubmitTask();
    }

    /** Waits for one operation's responses; fails the operation if any request failed. */
    private static final class Batch {

        private final CountDownLatch latch;

        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Batch(int requests) {
            this.latch = new CountDownLatch(requests);
        }

        void done(int bodyLength) {
            if (bodyLength != BODY.length()) {
                failed(new IllegalStateException("Body of " + bodyLength + " bytes"));
                return;
            }
            this.latch.countDown();
        }

        void failed(Throwable ex) {
            this.failure.compareAndSet(null, ex);
            this.latch.countDown();
        }

        void await() throws InterruptedException {
            if (!this.latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("Responses still missing after " + WAIT);
            }
            Throwable ex = this.failure.get();
            if (ex != null) {
                throw new IllegalStateException("A request failed", ex);
            }
        }
    }
}
