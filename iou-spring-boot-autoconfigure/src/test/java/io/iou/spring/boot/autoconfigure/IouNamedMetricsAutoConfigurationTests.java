package io.iou.spring.boot.autoconfigure;

import io.iou.IOU;
import io.iou.spring.metrics.IouNameTags;
import io.iou.spring.metrics.IouNamedMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class IouNamedMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IouMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void countsNamedIousUnderTheConfiguredBound() {
        runner.withPropertyValues("iou.metrics.max-names=2").run(context -> {
            IouNamedMetrics metrics = context.getBean(IouNamedMetrics.class);
            metrics.bindTo(context.getBean(MeterRegistry.class));
            for (String name : new String[] { "a", "b", "c" }) {
                IOU.named(name).fulfill("x");
            }
            assertThat(metrics.names()).containsExactlyInAnyOrder("a", "b");
        });
    }

    @Test
    void backsOffWhenUserDefinesTheNameTags() {
        runner.withUserConfiguration(UserNameTags.class).run(context -> {
            IouNameTags tags = context.getBean(IouNameTags.class);
            assertThat(tags).isSameAs(context.getBean("userNameTags"));
            context.getBean(IouNamedMetrics.class).bindTo(context.getBean(MeterRegistry.class));
            IOU.named("counted-under-the-users-bound").fulfill("x");
            assertThat(tags.names()).contains("counted-under-the-users-bound");
        });
    }

    @Test
    void backsOffWhenUserDefinesTheNamedMetrics() {
        runner.withUserConfiguration(UserNamedMetrics.class).run(context -> assertThat(context)
                .getBean(IouNamedMetrics.class).isSameAs(context.getBean("userNamedMetrics")));
    }

    @Test
    void offWithTheMetrics() {
        runner.withPropertyValues("iou.metrics.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(IouNamedMetrics.class));
    }


    @Configuration(proxyBeanMethods = false)
    static class UserNameTags {

        @Bean
        IouNameTags userNameTags() {
            return new IouNameTags(1000);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserNamedMetrics {

        @Bean
        IouNamedMetrics userNamedMetrics() {
            return new IouNamedMetrics(10);
        }
    }
}
