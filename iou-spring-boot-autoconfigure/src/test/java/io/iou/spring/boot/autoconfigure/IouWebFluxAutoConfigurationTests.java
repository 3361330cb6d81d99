package io.iou.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurationSupport;

import io.iou.IOU;
import io.iou.spring.scheduler.IouScheduler;
import io.iou.spring.web.IouReactiveAdapter;
import io.iou.spring.web.IouReactiveAdapterRegistry;
import io.iou.spring.web.IouResponseTimeout;
import io.iou.spring.web.IouResponseTimeoutException;
import io.iou.spring.web.IouWebFluxAdapterRegistryPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class IouWebFluxAutoConfigurationTests {

    private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IouWebFluxAutoConfiguration.class, WebFluxAutoConfiguration.class,
                    CodecsAutoConfiguration.class));

    @Test
    void webFluxRegistryAdaptsIou() {
        runner.run(context -> {
            ReactiveAdapter adapter = webFluxRegistry(context).getAdapter(IOU.class);
            assertThat(adapter).isNotNull();
            assertThat(adapter.getDescriptor()).isSameAs(IouReactiveAdapter.DESCRIPTOR);
            assertThat(Mono.from(adapter.toPublisher(IOU.fulfilled("ada"))).block()).isEqualTo("ada");
        });
    }

    /** WebFlux reads a registry of the context's own, so the context's timeout never reaches the shared one. */
    @Test
    void iouIsRegisteredInWebFluxsOwnRegistryNotTheSharedOne() {
        runner.run(context -> {
            ReactiveAdapterRegistry registry = webFluxRegistry(context);
            assertThat(registry).isNotInstanceOf(IouReactiveAdapterRegistry.class)
                    .isNotSameAs(ReactiveAdapterRegistry.getSharedInstance());
            for (Class<?> type : List.of(Mono.class, Flux.class, CompletableFuture.class)) {
                assertThat(registry.getAdapter(type)).as(type.getName()).isNotNull();
            }
        });
    }

    @Test
    void responsesWaitThirtySecondsByDefault() {
        runner.run(context -> assertThat(context.getBean(IouReactiveAdapter.class).getTimeout())
                .extracting(IouResponseTimeout::getTimeout).isEqualTo(Duration.ofSeconds(30)));
    }

    @Test
    void timeoutPropertyBoundsTheWaitAndCancelsTheIou() {
        runner.withPropertyValues("iou.web.timeout=50ms").run(context -> {
            IOU<String> never = new IOU<>();
            ReactiveAdapter adapter = webFluxRegistry(context).getAdapter(IOU.class);

            Throwable failure = catchThrowable(() -> Mono.from(adapter.toPublisher(never)).block());

            assertThat(failure).isInstanceOfSatisfying(IouResponseTimeoutException.class,
                    ex -> assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(50)));
            assertThat(never.isCancelled()).isTrue();
        });
    }

    @Test
    void zeroOrNegativeTimeoutWaitsAsLongAsItTakes() {
        runner.withPropertyValues("iou.web.timeout=0")
                .run(context -> assertThat(context.getBean(IouReactiveAdapter.class).getTimeout()).isNull());
        runner.withPropertyValues("iou.web.timeout=-1s")
                .run(context -> assertThat(context.getBean(IouReactiveAdapter.class).getTimeout()).isNull());
    }

    @Test
    void backsOffWhenUserDefinesTheAdapterAndWebFluxUsesIt() {
        IouReactiveAdapter users = new IouReactiveAdapter(new IouResponseTimeout(Duration.ofMillis(20)), IOU::new);
        runner.withBean(IouReactiveAdapter.class, () -> users).run(context -> {
            assertThat(context).getBean(IouReactiveAdapter.class).isSameAs(users);
            IOU<String> never = new IOU<>();
            assertThat(catchThrowable(() -> Mono.from(webFluxRegistry(context).getAdapter(IOU.class)
                    .toPublisher(never)).block())).isInstanceOf(IouResponseTimeoutException.class);
        });
    }

    @Test
    void iousMadeFromRequestBodiesAreBoundToTheScheduler() {
        runner.withUserConfiguration(SchedulerConfiguration.class).run(context -> {
            IOU<?> iou = (IOU<?>) webFluxRegistry(context).getAdapter(IOU.class).fromPublisher(Mono.just("body"));
            assertThat(iou.executor()).isSameAs(context.getBean(IouScheduler.class).executor());
        });
    }

    @Test
    void withoutSchedulerIousMadeFromRequestBodiesAreUnbound() {
        runner.run(context -> {
            IOU<?> iou = (IOU<?>) webFluxRegistry(context).getAdapter(IOU.class).fromPublisher(Mono.just("body"));
            assertThat(iou.executor()).isNull();
        });
    }

    @Test
    void offSwitchLeavesWebFluxWithoutIou() {
        runner.withPropertyValues("iou.web.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(IouWebFluxAdapterRegistryPostProcessor.class);
            assertThat(webFluxRegistry(context)).isNotInstanceOf(IouReactiveAdapterRegistry.class);
            assertThat(webFluxRegistry(context).getAdapter(IOU.class)).isNull();
        });
    }

    @Test
    void backsOffWhenUserDefinesThePostProcessor() {
        runner.withUserConfiguration(UserPostProcessorConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(IouWebFluxAdapterRegistryPostProcessor.class);
            assertThat(context).hasBean("userPostProcessor");
        });
    }

    @Test
    void backsOffWithoutWebFlux() {
        runner.withClassLoader(new FilteredClassLoader(WebFluxConfigurationSupport.class))
                .run(context -> assertThat(context).doesNotHaveBean(IouWebFluxAdapterRegistryPostProcessor.class));
    }

    @Test
    void backsOffInServletApplications() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(IouWebFluxAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(IouWebFluxAdapterRegistryPostProcessor.class));
    }

    private static ReactiveAdapterRegistry webFluxRegistry(AssertableReactiveWebApplicationContext context) {
        return context.getBean(IouWebFluxAdapterRegistryPostProcessor.REGISTRY_BEAN_NAME,
                ReactiveAdapterRegistry.class);
    }

    @Configuration(proxyBeanMethods = false)
    static class SchedulerConfiguration {

        @Bean
        IouScheduler iouScheduler() {
            Executor direct = Runnable::run;
            return new IouScheduler(direct);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserPostProcessorConfiguration {

        @Bean
        static IouWebFluxAdapterRegistryPostProcessor userPostProcessor() {
            return new IouWebFluxAdapterRegistryPostProcessor(IouReactiveAdapter::new);
        }
    }
}
