package io.iou.benchmarks.web;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

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
 * A Spring MVC (Tomcat) app for {@code web-load.sh}: {@code GET /iou} returns an {@code IOU},
 * {@code GET /future} a {@code CompletableFuture}, both computed on the same {@link LoadPool}. For
 * {@code hold-load.sh}, {@code GET /hold/iou} and {@code GET /hold/future} hold each request until
 * {@code POST /hold/release}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({ LoadPool.Beans.class, MvcLoadApp.Endpoints.class })
public class MvcLoadApp {

    /**
     * Starts the app.
     *
     * @param args Spring Boot arguments, e.g. {@code --server.port=18082}
     */
    public static void main(String[] args) {
        LoadApps.run(MvcLoadApp.class, WebApplicationType.SERVLET, args);
    }

    @RestController
    static class Endpoints {

        private final IouScheduler iouScheduler;

        private final Executor pool;

        private final HeldRequests held = new HeldRequests();

        Endpoints(IouScheduler iouScheduler, LoadPool pool) {
            this.iouScheduler = iouScheduler;
            this.pool = pool.executor;
        }

        @GetMapping("/hold/iou")
        IOU<Greeting> holdIou() {
            IOU<Greeting> iou = iouScheduler.newIou();
            held.hold(iou::fulfill);
            return iou;
        }

        @GetMapping("/hold/future")
        CompletableFuture<Greeting> holdFuture() {
            CompletableFuture<Greeting> future = new CompletableFuture<>();
            held.hold(future::complete);
            return future;
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

        @GetMapping("/future")
        CompletableFuture<Greeting> future() {
            return CompletableFuture.supplyAsync(Greeting::compute, pool);
        }
    }
}
