package io.iou.benchmarks.web;

import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.iou.IOU;
import io.iou.spring.scheduler.IouScheduler;

/**
 * A WebFlux (Reactor Netty) app for {@code web-load.sh}: {@code GET /iou} returns an {@code IOU},
 * {@code GET /mono} a {@code Mono}, both computed on the same {@link LoadPool}. The IOU goes through
 * the starter's auto-configuration with its defaults, {@code iou.web.timeout} included. For
 * {@code hold-load.sh}, {@code GET /hold/iou} and {@code GET /hold/mono} hold each request until
 * {@code POST /hold/release}, the IOU bound to the IOU scheduler, the Mono a {@code Sinks.one()}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ LoadPool.Beans.class, WebFluxLoadApp.Endpoints.class })
public class WebFluxLoadApp {

    /**
     * Starts the app.
     *
     * @param args Spring Boot arguments, e.g. {@code --server.port=18081}
     */
    public static void main(String[] args) {
        LoadApps.run(WebFluxLoadApp.class, WebApplicationType.REACTIVE, args);
    }

    @RestController
    static class Endpoints {

        private final IouScheduler iouScheduler;

        private final Scheduler reactorScheduler;

        private final HeldRequests held = new HeldRequests();

        Endpoints(IouScheduler iouScheduler, LoadPool pool) {
            this.iouScheduler = iouScheduler;
            this.reactorScheduler = Schedulers.fromExecutorService(pool.executor, "load-pool");
        }

        @GetMapping("/hold/iou")
        IOU<Greeting> holdIou() {
            IOU<Greeting> iou = iouScheduler.newIou();
            held.hold(iou::fulfill);
            return iou;
        }

        @GetMapping("/hold/mono")
        Mono<Greeting> holdMono() {
            Sinks.One<Greeting> sink = Sinks.one();
            held.hold(sink::tryEmitValue);
            return sink.asMono();
        }

        @PostMapping("/hold/release")
        int release() {
            return held.release();
        }

        @GetMapping("/hold/stats")
        Map<String, Long> stats(@RequestParam(defaultValue = "true") boolean gc) {
            return held.stats(gc);
        }

        @GetMapping("/iou")
        IOU<Greeting> iou() {
            return iouScheduler.supply(Greeting::compute);
        }

        @GetMapping("/mono")
        Mono<Greeting> mono() {
            return Mono.fromCallable(Greeting::compute).subscribeOn(reactorScheduler);
        }
    }
}
