package io.iou.spring.boot.autoconfigure;

import java.time.Duration;

import io.iou.IOU;
import io.iou.spring.metrics.IouNameTags;
import io.iou.spring.metrics.IouObservationMeterDescriptions;
import io.iou.spring.observation.NamedIouObservations;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Named IOUs observed through Boot's own observation registry and its meter handler. */
class IouObservationAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
                SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                IouMetricsAutoConfiguration.class, IouObservationAutoConfiguration.class));

    @Test
    void namedIousAreTimedToSettleByNameAndOutcome() {
        this.runner.run((context) -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            IOU<String> fulfilled = IOU.named("fetch-person");
            IOU<String> rejected = IOU.named("fetch-person");
            IOU<String> cancelled = IOU.named("fetch-person");
            assertThat(meters.get(NamedIouObservations.OBSERVATION + ".active").tag("name", "fetch-person")
                .longTaskTimer().activeTasks()).isEqualTo(3);

            fulfilled.fulfill("ada");
            rejected.reject(new IllegalStateException("down"));
            rejected.getValue();
            cancelled.cancel();
            IOU<String> timedOut = IOU.<String>named("fetch-person").timeout(Duration.ofMillis(1));
            await().until(() -> !timedOut.isPending());

            assertThat(timer(meters, "fetch-person", "fulfilled").count()).isEqualTo(1);
            assertThat(timer(meters, "fetch-person", "rejected").count()).isEqualTo(1);
            assertThat(meters.get(NamedIouObservations.OBSERVATION).tag("outcome", "rejected")
                .tag("error", "IllegalStateException").timer().count()).isEqualTo(1);
            assertThat(timer(meters, "fetch-person", "cancelled").count()).isEqualTo(1);
            assertThat(timer(meters, "fetch-person", "timed-out").count()).isEqualTo(1);
            LongTaskTimer active = meters.get(NamedIouObservations.OBSERVATION + ".active").longTaskTimer();
            assertThat(active.activeTasks()).isZero();
            // described, so that a Prometheus scrape has a HELP line for them
            assertThat(timer(meters, "fetch-person", "fulfilled").getId().getDescription()).isNotBlank();
            assertThat(active.getId().getDescription()).isNotBlank();
        });
    }

    @Test
    void unnamedIousAreNotObserved() {
        this.runner.run((context) -> {
            new IOU<String>().fulfill("x");
            assertThat(context.getBean(MeterRegistry.class).find(NamedIouObservations.OBSERVATION).timer()).isNull();
        });
    }

    @Test
    void namesShareTheBoundOfTheMeters() {
        this.runner.withPropertyValues("iou.metrics.max-names=1").run((context) -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            IOU.named("first").fulfill("x");
            IOU.named("second").fulfill("x");

            assertThat(context).hasSingleBean(IouNameTags.class);
            assertThat(timer(meters, "first", "fulfilled").count()).isEqualTo(1);
            assertThat(timer(meters, IouNameTags.OTHER, "fulfilled").count()).isEqualTo(1);
            assertThat(meters.get("iou.named.fulfilled").tag("name", IouNameTags.OTHER).functionCounter().count())
                .isEqualTo(1);
        });
    }

    @Test
    void aNamedIouIsTheChildOfTheObservationCurrentWhereItWasCreated() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(IouObservationAutoConfiguration.class))
            .withBean(ObservationRegistry.class, () -> registry)
            .run((context) -> {
                Observation request = Observation.start("request", registry);
                IOU<String> iou;
                try (Observation.Scope scope = request.openScope()) {
                    iou = IOU.named("fetch-person");
                }
                iou.fulfill("ada");
                request.stop();

                assertThat(registry).hasObservationWithNameEqualTo(NamedIouObservations.OBSERVATION)
                    .that()
                    .hasContextualNameEqualTo("fetch-person")
                    .hasLowCardinalityKeyValue("outcome", "fulfilled")
                    .hasParentObservationEqualTo(request);
            });
    }

    @Test
    void switchedOffLikeAnyObservation() {
        this.runner.withPropertyValues("management.observations.enable.iou=false").run((context) -> {
            IOU.named("fetch-person").fulfill("x");
            assertThat(context.getBean(MeterRegistry.class).find(NamedIouObservations.OBSERVATION).timer()).isNull();
        });
    }

    @Test
    void backsOffWhenUserDefinesTheNamedIouObservations() {
        this.runner.withUserConfiguration(UserObservations.class).run((context) -> assertThat(context)
            .getBean(NamedIouObservations.class).isSameAs(context.getBean("userNamedIouObservations")));
    }

    @Test
    void backsOffWhenUserDefinesTheMeterDescriptions() {
        this.runner.withUserConfiguration(UserMeterDescriptions.class).run((context) -> assertThat(context)
            .getBean(IouObservationMeterDescriptions.class).isSameAs(context.getBean("userMeterDescriptions")));
    }

    @Test
    void absentWithoutAnObservationRegistry() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(IouObservationAutoConfiguration.class))
            .run((context) -> assertThat(context).doesNotHaveBean(NamedIouObservations.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserObservations {

        @Bean
        NamedIouObservations userNamedIouObservations() {
            return new NamedIouObservations(ObservationRegistry.NOOP, new IouNameTags(1));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserMeterDescriptions {

        @Bean
        IouObservationMeterDescriptions userMeterDescriptions() {
            return new IouObservationMeterDescriptions();
        }
    }

    private static Timer timer(MeterRegistry meters, String name, String outcome) {
        return meters.get(NamedIouObservations.OBSERVATION).tag("name", name).tag("outcome", outcome).timer();
    }
}
