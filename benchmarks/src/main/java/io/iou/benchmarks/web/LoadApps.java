package io.iou.benchmarks.web;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/** Starts a load app quietly, on the stack it names. */
final class LoadApps {

    private LoadApps() {
    }

    static void run(Class<?> app, WebApplicationType type, String[] args) {
        SpringApplication application = new SpringApplication(app);
        application.setWebApplicationType(type);
        application.setDefaultProperties(Map.of(
                "spring.main.banner-mode", "off",
                "logging.level.root", "warn"));
        application.run(args);
    }
}
