package io.iou.observability;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.iou.IOU;
import io.iou.spring.http.IouHttpReactor;
import io.iou.spring.http.IouHttpReactorTask;
import io.iou.spring.scheduler.IouScheduler;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An application as a user would write it: Spring MVC behind Spring Security (HTTP Basic), traced
 * with the OpenTelemetry bridge, and a filter that puts each request's id in the MDC. Its controllers
 * return IOUs whose handlers record the context they run with. Finished spans go through Spring Boot's
 * span processor to an in-memory exporter.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ ObservedApplication.ContextController.class, ObservedApplication.UpstreamController.class })
class ObservedApplication {

    /** The MDC key of a request's id, and the header it comes from. */
    static final String REQUEST_ID = "request";

    static final String REQUEST_ID_HEADER = "X-Request";

    static final String PASSWORD = "secret";

    /**
     * Spring Boot's own span processor exports to every exporter bean. A second processor of our own
     * would export each span twice: once as it ends and again when Boot's batch is flushed.
     */
    @Bean
    InMemorySpanExporter spanExporter() {
        return InMemorySpanExporter.create();
    }

    /** Tells context propagation about the MDC key, as an application does for the keys it sets. */
    @Bean
    MdcKeyRegistration mdcKeyRegistration() {
        return new MdcKeyRegistration();
    }

    @Bean
    OncePerRequestFilter requestIdFilter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                String id = request.getHeader(REQUEST_ID_HEADER);
                if (id != null) {
                    MDC.put(REQUEST_ID, id);
                }
                try {
                    chain.doFilter(request, response);
                }
                finally {
                    MDC.remove(REQUEST_ID);
                }
            }
        };
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) {
        return http.authorizeHttpRequests((requests) -> requests.requestMatchers("/upstream/**")
            .permitAll()
            .anyRequest()
            .authenticated()).httpBasic(Customizer.withDefaults()).build();
    }

    @Bean
    InMemoryUserDetailsManager users() {
        return new InMemoryUserDetailsManager(User.withUsername("alice").password(PASSWORD).build(),
                User.withUsername("bob").password(PASSWORD).build());
    }

    /**
     * Plain-text passwords. With Spring Security's default encoder, every login of a {noop} user
     * upgraded its password to bcrypt, and the first logins each hashed a dummy password against
     * timing attacks: about 100 ms of CPU apiece, which on a loaded 2-CPU machine held the test's 120
     * concurrent requests past the client's 30 s timeout.
     */
    @Bean
    PasswordEncoder plainPasswords() {
        return new PasswordEncoder() {

            @Override
            public String encode(CharSequence rawPassword) {
                return rawPassword.toString();
            }

            @Override
            public boolean matches(CharSequence rawPassword, String encodedPassword) {
                return rawPassword.toString().equals(encodedPassword);
            }
        };
    }

    /** What a handler saw as it ran. */
    record Seen(@Nullable String request, @Nullable String user, @Nullable String traceId, @Nullable String spanId,
            @Nullable String mdcTraceId, String thread) {

        static Seen now(Tracer tracer) {
            Span span = tracer.currentSpan();
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            return new Seen(MDC.get(REQUEST_ID), (authentication != null) ? authentication.getName() : null,
                    (span != null) ? span.context().traceId() : null, (span != null) ? span.context().spanId() : null,
                    MDC.get("traceId"), Thread.currentThread().getName());
        }
    }

    /** What the upstream service saw of a request the HTTP reactor sent. */
    record Upstream(@Nullable String traceparent, @Nullable String traceId) {
    }

    /** A reactor call: what its handler saw, and what the upstream saw. */
    record Called(Seen seen, Upstream upstream) {
    }

    @RestController
    static class ContextController {

        private final IouScheduler scheduler;

        private final IouHttpReactor http;

        private final Tracer tracer;

        private final Environment environment;

        /** Pairs of requests, by pair id; each is removed once both requests have arrived. */
        private final Map<String, Pair> pairs = new ConcurrentHashMap<>();

        ContextController(IouScheduler scheduler, IouHttpReactor http, Tracer tracer, Environment environment) {
            this.scheduler = scheduler;
            this.http = http;
            this.tracer = tracer;
            this.environment = environment;
        }

        /**
         * Two requests with the same pair id settle each other's IOUs: the second settles the first's
         * on its request thread, and the first's handler, on a pool thread, settles the second's. So
         * each handler is added while serving one request and released by code running with the
         * other request's context.
         */
        @GetMapping("/pair/{id}")
        IOU<Seen> pair(@PathVariable String id) {
            Pair pair = this.pairs.computeIfAbsent(id, (key) -> new Pair(this.scheduler.newIou(), this.scheduler.newIou()));
            if (pair.arrived.incrementAndGet() == 1) {
                return pair.first.addFulfilledHandler((v) -> {
                    Seen seen = Seen.now(this.tracer);
                    pair.second.fulfill("from the first request's handler");
                    return seen;
                });
            }
            this.pairs.remove(id);
            IOU<Seen> seen = pair.second.addFulfilledHandler((v) -> Seen.now(this.tracer));
            pair.first.fulfill("from the second request");
            return seen;
        }

        /** Calls the upstream service through the HTTP reactor; the handler runs on the IOU pool. */
        @GetMapping("/call-upstream")
        IOU<Called> callUpstream() {
            String upstream = "http://127.0.0.1:" + this.environment.getRequiredProperty("local.server.port")
                    + "/upstream/echo";
            return this.http.submitTask(new IouHttpReactorTask(upstream).withExpectSuccess(true))
                .addFulfilledHandler((response) -> new Called(Seen.now(this.tracer), response.bodyAs(Upstream.class)));
        }

        private record Pair(IOU<String> first, IOU<String> second, AtomicInteger arrived) {

            Pair(IOU<String> first, IOU<String> second) {
                this(first, second, new AtomicInteger());
            }
        }
    }

    /** The upstream service: answers with the trace header it received and the trace it continued. */
    @RestController
    static class UpstreamController {

        private final Tracer tracer;

        UpstreamController(Tracer tracer) {
            this.tracer = tracer;
        }

        @GetMapping("/upstream/echo")
        Upstream echo(@RequestHeader(name = "traceparent", required = false) @Nullable String traceparent) {
            Span span = this.tracer.currentSpan();
            return new Upstream(traceparent, (span != null) ? span.context().traceId() : null);
        }
    }

    /** Registers the MDC key with the JVM-wide context registry while the application runs. */
    static final class MdcKeyRegistration implements DisposableBean {

        MdcKeyRegistration() {
            ContextRegistry.getInstance().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor(REQUEST_ID));
        }

        @Override
        public void destroy() {
            ContextRegistry.getInstance().removeThreadLocalAccessor(Slf4jThreadLocalAccessor.KEY);
        }
    }
}
