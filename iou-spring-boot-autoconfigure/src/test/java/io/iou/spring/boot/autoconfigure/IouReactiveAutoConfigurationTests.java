package io.iou.spring.boot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;

import io.iou.IOU;
import io.iou.spring.web.FreshSharedRegistry;
import io.iou.spring.web.IouReactiveAdapter;

import static org.assertj.core.api.Assertions.assertThat;

class IouReactiveAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IouReactiveAutoConfiguration.class));

    @Test
    void registersIouInTheSharedRegistry() {
        try (FreshSharedRegistry fresh = FreshSharedRegistry.install()) {
            runner.run(context -> {
                ReactiveAdapter adapter = ReactiveAdapterRegistry.getSharedInstance().getAdapter(IOU.class);
                assertThat(adapter).isNotNull();
                assertThat(adapter.getDescriptor()).isSameAs(IouReactiveAdapter.DESCRIPTOR);
            });
        }
    }

    /** Spring reads the registry when it creates an HTTP service proxy: the registration must come first. */
    @Test
    void registersBeforeAnyOrdinaryBeanIsCreated() {
        try (FreshSharedRegistry fresh = FreshSharedRegistry.install()) {
            runner.withUserConfiguration(EarlyReaderConfiguration.class).run(context -> assertThat(
                    context.getBean(EarlyReader.class).sawIou).isTrue());
        }
    }

    @Test
    void keepsAnIouAdapterRegisteredBeforeIt() {
        try (FreshSharedRegistry fresh = FreshSharedRegistry.install()) {
            ReactiveAdapterRegistry shared = ReactiveAdapterRegistry.getSharedInstance();
            assertThat(IouReactiveAdapter.registerWithSharedInstance()).isTrue();
            ReactiveAdapter first = shared.getAdapter(IOU.class);
            runner.run(context -> {
                assertThat(IouReactiveAdapter.registerWithSharedInstance()).isFalse();
                assertThat(shared.getAdapter(IOU.class)).isSameAs(first);
            });
        }
    }

    @Test
    void backsOffWhenUserDefinesTheRegistration() {
        UserRegistrationConfiguration.ran = false;
        try (FreshSharedRegistry fresh = FreshSharedRegistry.install()) {
            runner.withUserConfiguration(UserRegistrationConfiguration.class).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(UserRegistrationConfiguration.ran).isTrue();
                assertThat(ReactiveAdapterRegistry.getSharedInstance().getAdapter(IOU.class)).isNull();
            });
        }
    }

    @Test
    void backsOffWithoutReactiveStreams() {
        try (FreshSharedRegistry fresh = FreshSharedRegistry.install()) {
            runner.withClassLoader(new FilteredClassLoader(Publisher.class)).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(ReactiveAdapterRegistry.getSharedInstance().getAdapter(IOU.class)).isNull();
            });
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserRegistrationConfiguration {

        static volatile boolean ran;

        /** Replaces the starter's registration with one that registers nothing. */
        @Bean
        static BeanFactoryPostProcessor iouSharedReactiveAdapterRegistration() {
            return beanFactory -> ran = true;
        }
    }

    static final class EarlyReader {

        final boolean sawIou = ReactiveAdapterRegistry.getSharedInstance().getAdapter(IOU.class) != null;
    }

    @Configuration(proxyBeanMethods = false)
    static class EarlyReaderConfiguration {

        @Bean
        EarlyReader earlyReader() {
            return new EarlyReader();
        }
    }
}
