package io.iou.spring.boot.autoconfigure;

import io.iou.IOU;
import io.iou.spring.metrics.IouNamedMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

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
    void offWithTheMetrics() {
        runner.withPropertyValues("iou.metrics.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(IouNamedMetrics.class));
    }

}
