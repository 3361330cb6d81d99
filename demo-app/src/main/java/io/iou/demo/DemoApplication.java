package io.iou.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The IOU demo: the seed's examples as endpoints a user can curl. */
@SpringBootApplication
public class DemoApplication {

    /**
     * Starts the demo.
     *
     * @param args Spring Boot arguments, e.g. {@code --server.port=9090}
     */
    public static void main(String[] args) {
        SpringApplication.run(DemoApplication.class, args);
    }
}
