package io.iou.spring.boot.autoconfigure;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

import io.iou.IOU;
import io.iou.spring.web.IouReactiveAdapter;
import io.iou.spring.web.IouReactiveAdapterRegistry;
import io.iou.spring.web.IouRequestMappingHandlerAdapterPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;

class IouWebMvcAutoConfigurationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IouReactiveAutoConfiguration.class, IouWebMvcAutoConfiguration.class,
                    WebMvcAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
                    HttpMessageConvertersAutoConfiguration.class));

    /**
     * Controllers read a view of the shared registry: every type is answered by the shared registry,
     * IOU by this context's adapter, which observes responses when there is an observation registry.
     */
    @Test
    void controllersReadAViewOfTheSharedRegistryThatAdaptsIou() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(IouRequestMappingHandlerAdapterPostProcessor.class);
            ReactiveAdapterRegistry registry = mvcRegistry(context);
            assertThat(((IouReactiveAdapterRegistry) registry).getDelegate())
                    .isSameAs(ReactiveAdapterRegistry.getSharedInstance());
            assertThat(registry.getAdapter(IOU.class).getDescriptor()).isSameAs(IouReactiveAdapter.DESCRIPTOR);
            assertThat(registry.getAdapter(Mono.class)).isSameAs(ReactiveAdapterRegistry.getSharedInstance().getAdapter(Mono.class));
        });
    }

    @Test
    void offSwitchKeepsIouOutOfThisContextsControllersOnly() {
        runner.withPropertyValues("iou.web.enabled=false").run(context -> {
            ReactiveAdapterRegistry shared = ReactiveAdapterRegistry.getSharedInstance();
            ReactiveAdapterRegistry registry = mvcRegistry(context);
            assertThat(registry.getAdapter(IOU.class)).isNull();
            assertThat(registry.getAdapter(null, IOU.fulfilled(1).addFulfilledHandler(v -> v))).isNull();
            assertThat(shared.getAdapter(IOU.class)).as("the rest of the JVM keeps IOU").isNotNull();
            assertThat(((IouReactiveAdapterRegistry) registry).getDelegate()).isSameAs(shared);
            for (Class<?> type : List.of(Mono.class, Flux.class, CompletableFuture.class, String.class)) {
                assertThat(registry.getAdapter(type)).as(type.getName()).isSameAs(shared.getAdapter(type));
            }
        });
    }

    /** Either of the two post-processors, with IOU and without, gives way to the application's. */
    @ParameterizedTest(name = "iou.web.enabled={0}")
    @ValueSource(booleans = { true, false })
    void backsOffWhenUserDefinesThePostProcessor(boolean enabled) {
        runner.withPropertyValues("iou.web.enabled=" + enabled).withUserConfiguration(UserPostProcessorConfiguration.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(IouRequestMappingHandlerAdapterPostProcessor.class);
                    assertThat(context).hasBean("userPostProcessor");
                });
    }

    @Test
    void backsOffWithoutSpringMvc() {
        runner.withPropertyValues("iou.web.enabled=false")
                .withClassLoader(new FilteredClassLoader(RequestMappingHandlerAdapter.class))
                .run(context -> assertThat(context)
                        .doesNotHaveBean(IouRequestMappingHandlerAdapterPostProcessor.class));
    }

    @Test
    void backsOffWithoutReactiveStreams() {
        runner.withPropertyValues("iou.web.enabled=false").withClassLoader(new FilteredClassLoader(Publisher.class))
                .run(context -> assertThat(context)
                        .doesNotHaveBean(IouRequestMappingHandlerAdapterPostProcessor.class));
    }

    @Test
    void backsOffInReactiveApplications() {
        new ReactiveWebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(IouWebMvcAutoConfiguration.class))
                .withPropertyValues("iou.web.enabled=false")
                .run(context -> assertThat(context)
                        .doesNotHaveBean(IouRequestMappingHandlerAdapterPostProcessor.class));
    }

    private static ReactiveAdapterRegistry mvcRegistry(AssertableWebApplicationContext context) {
        return context.getBean(RequestMappingHandlerAdapter.class).getReactiveAdapterRegistry();
    }

    @Configuration(proxyBeanMethods = false)
    static class UserPostProcessorConfiguration {

        @Bean
        static IouRequestMappingHandlerAdapterPostProcessor userPostProcessor() {
            return new IouRequestMappingHandlerAdapterPostProcessor(() -> null);
        }
    }
}
