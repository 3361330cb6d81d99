package io.iou.benchmarks.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.iou.IOU;
import io.iou.spring.scheduler.IouScheduler;

/**
 * A Spring MVC (Tomcat) app for {@code web-load.sh}: {@code GET /iou} returns an {@code IOU},
 * {@code GET /future} a {@code CompletableFuture}, both computed on the same {@link LoadPool}.
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

        Endpoints(IouScheduler iouScheduler, LoadPool pool) {
            this.iouScheduler = iouScheduler;
            this.pool = pool.executor;
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
