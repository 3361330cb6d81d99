package io.iou.benchmarks.web;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.iou.IOU;
import io.iou.spring.scheduler.IouScheduler;

/**
 * A WebFlux (Reactor Netty) app for {@code web-load.sh}: {@code GET /iou} returns an {@code IOU},
 * {@code GET /mono} a {@code Mono}, both computed on the same {@link LoadPool}. The IOU goes through
 * the starter's auto-configuration with its defaults, {@code iou.web.timeout} included.
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

        Endpoints(IouScheduler iouScheduler, LoadPool pool) {
            this.iouScheduler = iouScheduler;
            this.reactorScheduler = Schedulers.fromExecutorService(pool.executor, "load-pool");
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
