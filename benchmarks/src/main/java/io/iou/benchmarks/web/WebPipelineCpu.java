package io.iou.benchmarks.web;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.management.OperatingSystemMXBean;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * The CPU time one request costs in {@link WebFluxLoadApp} and {@link MvcLoadApp}, per endpoint,
 * without the network: requests go through each app's whole web stack (WebFlux's
 * {@code HttpHandler} with mock exchanges; Spring MVC's {@code DispatcherServlet} through
 * {@code MockMvc}, async dispatch included), one at a time, and the JVM's CPU time is divided by
 * the number of requests. On a shared machine this varies far less than requests per second over
 * loopback, so it shows whether an IOU costs more than a {@code Mono} or a {@code CompletableFuture}.
 * Endpoints alternate in rounds; the first rounds warm up and are not counted.
 *
 * <p>Run: {@code java -cp benchmarks/target/classes:$(cat benchmarks/target/web-classpath.txt)
 * io.iou.benchmarks.web.WebPipelineCpu} after {@code benchmarks/web-load.sh} (or its build step).
 */
public final class WebPipelineCpu {

    private static final int REQUESTS_PER_ROUND = 10_000;

    private static final int WARMUP_ROUNDS = 4;

    private static final int ROUNDS = 14;

    private WebPipelineCpu() {
    }

    /**
     * Measures both apps and prints the medians and the ratios.
     *
     * @param args ignored
     * @throws Exception if a request fails
     */
    public static void main(String[] args) throws Exception {
        try (ConfigurableApplicationContext flux = start(WebFluxLoadApp.class, WebApplicationType.REACTIVE)) {
            HttpHandler handler = WebHttpHandlerBuilder.applicationContext(flux).build();
            report("WebFlux", measure(List.of("/iou", "/mono"), path -> {
                MockServerHttpResponse response = new MockServerHttpResponse();
                handler.handle(MockServerHttpRequest.get(path).build(), response).block();
                return response.getStatusCode() == null || response.getStatusCode().value() == 200;
            }));
        }
        try (ConfigurableApplicationContext mvc = start(MvcLoadApp.class, WebApplicationType.SERVLET)) {
            MockMvc mockMvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) mvc).build();
            report("Spring MVC", measure(List.of("/iou", "/future"), path -> {
                MvcResult started = mockMvc.perform(MockMvcRequestBuilders.get(path)).andReturn();
                MvcResult done = mockMvc.perform(MockMvcRequestBuilders.asyncDispatch(started)).andReturn();
                return done.getResponse().getStatus() == 200;
            }));
        }
        System.exit(0); // the load apps' pools and server threads would keep the JVM alive
    }

    private static ConfigurableApplicationContext start(Class<?> app, WebApplicationType type) {
        SpringApplication application = new SpringApplication(app);
        application.setWebApplicationType(type);
        application.setDefaultProperties(Map.of("spring.main.banner-mode", "off", "logging.level.root", "warn",
                "server.port", "0"));
        return application.run();
    }

    /** Returns, per path, the CPU nanoseconds per request of each counted round. */
    private static Map<String, List<Double>> measure(List<String> paths, Request request) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<String, List<Double>> rounds = new LinkedHashMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (String path : paths) {
                long before = os.getProcessCpuTime();
                for (int i = 0; i < REQUESTS_PER_ROUND; i++) {
                    if (!request.send(path)) {
                        throw new IllegalStateException(path + " did not answer 200");
                    }
                }
                double perRequest = (double) (os.getProcessCpuTime() - before) / REQUESTS_PER_ROUND;
                if (round >= WARMUP_ROUNDS) {
                    rounds.computeIfAbsent(path, key -> new ArrayList<>()).add(perRequest);
                }
            }
        }
        return rounds;
    }

    private static void report(String stack, Map<String, List<Double>> rounds) {
        List<String> paths = new ArrayList<>(rounds.keySet());
        List<Double> iou = rounds.get(paths.get(0));
        List<Double> other = rounds.get(paths.get(1));
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < iou.size(); i++) {
            ratios.add(iou.get(i) / other.get(i));
        }
        System.out.printf("%-10s %-8s %7.1f us/request%n", stack, paths.get(1), median(other) / 1000);
        System.out.printf("%-10s %-8s %7.1f us/request   IOU/%s %.3fx (median of %d per-round ratios)%n",
                stack, paths.get(0), median(iou) / 1000, paths.get(1).substring(1), median(ratios), ratios.size());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** Sends one request and tells whether it was answered 200. */
    @FunctionalInterface
    private interface Request {

        boolean send(String path) throws Exception;
    }
}
