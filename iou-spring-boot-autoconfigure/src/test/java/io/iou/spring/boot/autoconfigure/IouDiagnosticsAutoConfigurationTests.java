package io.iou.spring.boot.autoconfigure;

import io.iou.IOU;
import io.iou.spring.diagnostics.IouTracker;
import io.iou.spring.diagnostics.IousEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class IouDiagnosticsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IouDiagnosticsAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=ious");

    @Test
    void onByDefault() {
        runner.run(context -> assertThat(context).hasSingleBean(IouTracker.class).hasSingleBean(IousEndpoint.class));
    }

    @Test
    void offWhenDisabled() {
        runner.withPropertyValues("iou.diagnostics.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(IouTracker.class).doesNotHaveBean(IousEndpoint.class));
    }

    @Test
    void enabledTracksPendingIousAndExposesTheEndpoint() {
        runner.withPropertyValues("iou.diagnostics.enabled=true").run(context -> {
            assertThat(context).hasSingleBean(IouTracker.class).hasSingleBean(IousEndpoint.class);
            IOU<String> iou = IOU.named("tracked-by-context");
            assertThat(context.getBean(IousEndpoint.class).ious().oldest())
                    .anySatisfy(pending -> assertThat(pending.name()).isEqualTo("tracked-by-context"));
            iou.cancel();
            assertThat(context.getBean(IouTracker.class).capturesCreationSite()).isFalse();
        });
    }

    @Test
    void endpointBacksOffWhenNotExposed() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(IouDiagnosticsAutoConfiguration.class))
                .withPropertyValues("iou.diagnostics.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(IouTracker.class)
                        .doesNotHaveBean(IousEndpoint.class));
    }

    @Test
    void propertiesAreApplied() {
        runner.withPropertyValues("iou.diagnostics.enabled=true", "iou.diagnostics.capture-creation-site=true",
                "iou.diagnostics.max-listed=1").run(context -> {
                    assertThat(context.getBean(IouTracker.class).capturesCreationSite()).isTrue();
                    IOU<String> a = IOU.named("a");
                    IOU<String> b = IOU.named("b");
                    assertThat(context.getBean(IousEndpoint.class).ious().oldest()).hasSize(1);
                    a.cancel();
                    b.cancel();
                });
    }

    @Test
    void trackerStopsWithTheContext() {
        IouTracker[] tracker = new IouTracker[1];
        runner.withPropertyValues("iou.diagnostics.enabled=true")
                .run(context -> tracker[0] = context.getBean(IouTracker.class));
        IOU<String> after = IOU.named("after-close");
        assertThat(tracker[0].pendingCount()).isZero();
        after.cancel();
    }

    @Test
    void backsOffWhenUserDefinesTracker() {
        runner.withPropertyValues("iou.diagnostics.enabled=true").withUserConfiguration(UserTracker.class)
                .run(context -> assertThat(context).getBean(IouTracker.class)
                        .isSameAs(context.getBean(UserTracker.class).tracker));
    }

    @Test
    void backsOffWhenUserDefinesTheEndpoint() {
        runner.withPropertyValues("iou.diagnostics.enabled=true").withUserConfiguration(UserEndpoint.class)
                .run(context -> assertThat(context).getBean(IousEndpoint.class)
                        .isSameAs(context.getBean("userIousEndpoint")));
    }

    @Test
    void backsOffWhenUserDefinesTheAbandonedMetrics() {
        runner.withPropertyValues("iou.diagnostics.enabled=true").withUserConfiguration(UserAbandonedMetrics.class)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    context.getBeansOfType(MeterBinder.class).values().forEach(binder -> binder.bindTo(registry));
                    assertThat(context.getBean("iouAbandonedMetrics")).isSameAs(UserAbandonedMetrics.BINDER);
                    assertThat(registry.find("iou.abandoned").meter()).isNull();
                    assertThat(registry.find("user.abandoned").meter()).isNotNull();
                });
    }

    @Test
    void abandonedMetricIsRegisteredWithMicrometer() {
        runner.withPropertyValues("iou.diagnostics.enabled=true")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    context.getBeansOfType(MeterBinder.class).values()
                            .forEach(binder -> binder.bindTo(registry));
                    assertThat(registry.find("iou.abandoned").functionCounter()).isNotNull();
                });
    }

    @Test
    void abandonedMetricIsOffWithTheOtherIouMetrics() {
        runner.withPropertyValues("iou.metrics.enabled=false")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context).hasSingleBean(IouTracker.class)
                        .doesNotHaveBean("iouAbandonedMetrics"));
    }

    @Test
    void worksWithoutMicrometer() {
        runner.withPropertyValues("iou.diagnostics.enabled=true")
                .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(IouTracker.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserEndpoint {

        @Bean
        IousEndpoint userIousEndpoint(IouTracker tracker) {
            return new IousEndpoint(tracker, 1);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserAbandonedMetrics {

        static final MeterBinder BINDER = registry -> registry.counter("user.abandoned");

        @Bean
        MeterBinder iouAbandonedMetrics() {
            return BINDER;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserTracker {

        final IouTracker tracker = new IouTracker(false);

        @Bean
        IouTracker userIouTracker() {
            return tracker;
        }
    }
}
