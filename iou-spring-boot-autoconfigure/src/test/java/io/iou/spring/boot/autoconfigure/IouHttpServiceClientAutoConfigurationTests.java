package io.iou.spring.boot.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;

import io.iou.spring.http.IouHttpServiceGroupConfigurer;
import io.iou.spring.scheduler.IouScheduler;

import static org.assertj.core.api.Assertions.assertThat;

class IouHttpServiceClientAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IouSchedulerAutoConfiguration.class,
                    IouHttpServiceClientAutoConfiguration.class));

    @Test
    void bindsGroupClientsToTheScheduler() {
        runner.run(context -> assertThat(context).hasSingleBean(IouHttpServiceGroupConfigurer.class));
    }

    @Test
    void backsOffWhenUserDefinesTheConfigurer() {
        IouHttpServiceGroupConfigurer users = new IouHttpServiceGroupConfigurer(new IouScheduler(Runnable::run));
        runner.withBean(IouHttpServiceGroupConfigurer.class, () -> users)
                .run(context -> assertThat(context).getBean(IouHttpServiceGroupConfigurer.class).isSameAs(users));
    }

    @Test
    void backsOffWithoutScheduler() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(IouHttpServiceClientAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(IouHttpServiceGroupConfigurer.class));
    }

    @Test
    void backsOffWithoutWebFlux() {
        runner.withClassLoader(new FilteredClassLoader(WebClientHttpServiceGroupConfigurer.class))
                .run(context -> assertThat(context).doesNotHaveBean(IouHttpServiceGroupConfigurer.class));
    }
}
