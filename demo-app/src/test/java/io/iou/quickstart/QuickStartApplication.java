package io.iou.quickstart;

import io.iou.IOU;
import io.iou.spring.http.IouHttpReactor;
import io.iou.spring.http.IouHttpReactorTask;
import io.iou.spring.scheduler.IouScheduler;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The README's quick start, verbatim, so that it is known to compile and work. */
@SpringBootApplication
public class QuickStartApplication {

    /** The README's quick-start controller. */
    @RestController
    static class SquareController {

        private final IouScheduler scheduler;

        private final IouHttpReactor http;

        SquareController(IouScheduler scheduler, IouHttpReactor http) {
            this.scheduler = scheduler;
            this.http = http;
        }

        @GetMapping("/square/{n}")
        IOU<Integer> square(@PathVariable int n) {
            return scheduler.supply(() -> n * n);                 // runs on the IOU pool
        }

        @GetMapping("/status")
        IOU<String> status(@RequestParam String url) {
            return http.submitTask(new IouHttpReactorTask(url))   // nothing blocks
                    .addFulfilledHandler(response -> url + " answered " + response.statusCode());
        }
    }
}
