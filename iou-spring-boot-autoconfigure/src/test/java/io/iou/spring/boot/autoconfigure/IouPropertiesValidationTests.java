package io.iou.spring.boot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code iou.*} properties class checks its values the same way, as a {@code Validator} that
 * Spring Boot runs when it binds them: a bad value stops startup with Boot's own failure report,
 * which names the property, its value, where it was set and the reason, and lists every bad value at
 * once rather than the first one.
 */
class IouPropertiesValidationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withUserConfiguration(AllProperties.class);

    @Test
    void theDefaultsAreValid() {
        this.runner.run((context) -> assertThat(context).hasNotFailed());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            iou.scheduler.core-size                         | -1         | -1         | must not be negative
            iou.scheduler.max-size                          | 0          | 0          | must be at least 1
            iou.scheduler.max-size                          | 4          | 4          | must not be less than core-size (8)
            iou.scheduler.queue-capacity                    | -1         | -1         | must not be negative
            iou.scheduler.queue-capacity                    | 0          | 0          | must be positive with rejection-policy 'reject'
            iou.scheduler.keep-alive                        | -1s        | PT-1S      | must not be negative
            iou.scheduler.keep-alive                        | 0s         | PT0S       | must be at least 1s
            iou.scheduler.thread-name-prefix                | ''         | ''         | must not be empty
            iou.scheduler.shutdown.await-termination-period | -1s        | PT-1S      | must not be negative
            iou.scheduler.virtual.concurrency-limit         | 0          | 0          | must be at least 1
            iou.http.base-url                               | /relative  | /relative  | Base URL must be an absolute http or https URL with a host
            iou.http.base-url                               | http://h?q | http://h?q | Base URL must not have a query or fragment
            iou.http.connect-timeout                        | -1s        | PT-1S      | must be positive
            iou.http.response-timeout                       | 0s         | PT0S       | must be positive
            iou.http.max-in-flight                          | 0          | 0          | must be at least 1
            iou.http.max-queued                             | -1         | -1         | must not be negative
            iou.http.max-response-size                      | 0B         | 0B         | must be between 1B and 2147483647B
            iou.http.max-response-size                      | 3GB        | 3221225472B | must be between 1B and 2147483647B
            iou.metrics.max-names                           | 0          | 0          | must be at least 1
            iou.diagnostics.max-listed                      | 0          | 0          | must be at least 1
            iou.diagnostics.saturation-window               | 0s         | PT0S       | must be positive
            iou.unhandled-rejections.log-burst              | -1         | -1         | must not be negative
            iou.unhandled-rejections.log-interval           | 0s         | PT0S       | must be positive
            """)
    void badValueStopsStartupWithBootsReport(String property, String value, String shown, String reason) {
        this.runner.withPropertyValues(property + "=" + value).run((context) -> assertThat(StartupFailureReport.of(context))
            .contains("Property: " + property + "\n", "Value: \"" + shown + "\"", "Reason: " + reason));
    }

    /** A value that is not even of the property's type fails in the binder, and Boot reports it the same way. */
    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            iou.web.timeout                | soon
            iou.scheduler.core-size        | many
            iou.scheduler.rejection-policy | drop
            """)
    void unconvertibleValueStopsStartupWithBootsReport(String property, String value) {
        this.runner.withPropertyValues(property + "=" + value).run((context) -> assertThat(StartupFailureReport.of(context))
            .contains("Property: " + property + "\n", "Value: \"" + value + "\"", "Reason: failed to convert"));
    }

    @Test
    void everyBadValueIsReportedAtOnce() {
        this.runner.withPropertyValues("iou.scheduler.core-size=-1", "iou.scheduler.queue-capacity=-1")
            .run((context) -> assertThat(StartupFailureReport.of(context))
                .contains("Property: iou.scheduler.core-size", "Property: iou.scheduler.queue-capacity"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ IouSchedulerProperties.class, IouHttpProperties.class, IouMetricsProperties.class,
            IouDiagnosticsProperties.class, IouUnhandledRejectionProperties.class, IouWebProperties.class })
    static class AllProperties {

    }
}
